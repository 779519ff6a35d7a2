package dev.latchkey.core.internal.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.DeviceCodePrompt;
import dev.latchkey.core.auth.IdpProtocolException;
import dev.latchkey.core.auth.IdpRefusedException;
import dev.latchkey.core.auth.SignInRequiredException;
import dev.latchkey.core.auth.User;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Talks to one IdP as Latchkey's public client: device authorization (RFC 8628), token polls,
 * refresh with rotation (RFC 6749 section 6), revocation (RFC 7009).
 */
public final class TokenEndpoint {

    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** RFC 8628 3.2: the interval when the IdP names none. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** The access token lifetime assumed when the IdP names none (RFC 6749 recommends naming it). */
    static final Duration DEFAULT_ACCESS_LIFETIME = Duration.ofMinutes(5);

    private final IdpEndpoints idp;
    private final IdpHttp http;
    private final Clock clock;

    public TokenEndpoint(IdpEndpoints idp, Duration callTimeout, Clock clock) {
        this.idp = idp;
        this.http = new IdpHttp(callTimeout);
        this.clock = clock;
    }

    /** The IdP this endpoint talks to. */
    public IdpEndpoints idp() {
        return idp;
    }

    /** Asks for a device code and the user code to show. */
    public DeviceAuthorization authorize() throws AuthException {
        String what = "the IdP's device authorization endpoint";
        URI url = idp.deviceAuthorization();
        IdpHttp.Answer a = http.post(what, url, Map.of("client_id", idp.clientId(), "scope", idp.scopes()));
        if (a.status() / 100 != 2) {
            IdpError error = IdpErrors.from(a.body(), List.of());
            String hint = error.code().equals("invalid_request") || error.code().equals("no error code given")
                    ? new IdpError("unauthorized_client", error.description()).hint(idp.clientId(), idp.scopes())
                    : error.hint(idp.clientId(), idp.scopes());
            throw new IdpRefusedException("the IdP at " + idp.issuer() + " refused to start a device sign-in for client "
                    + idp.clientId() + ": " + error.describe(), hint);
        }
        DeviceAnswer f = IdpJson.read(a.body(), DeviceAnswer.class, what, url);
        Instant now = clock.instant();
        String verificationText = Optional.ofNullable(f.verificationUri()).or(() -> Optional.ofNullable(f.verificationUrl()))
                .orElseThrow(() -> IdpJson.leftOut("verification_uri", what, url));
        URI verification = SecureUrl.check("the IdP's verification page", verificationText);
        Optional<URI> complete = Optional.empty();
        if (f.verificationUriComplete() != null) {
            complete = Optional.of(SecureUrl.check("the IdP's verification link", f.verificationUriComplete()));
        }
        long lifetime = IdpJson.seconds(f.expiresIn(), "expires_in", 1, 86_400, what, url)
                .orElseThrow(() -> IdpJson.leftOut("expires_in", what, url));
        long interval = IdpJson.seconds(f.interval(), "interval", 0, 3_600, what, url).orElse(DEFAULT_INTERVAL.toSeconds());
        String deviceCode = f.deviceCode();
        String userCode = f.userCode();
        DeviceCodePrompt prompt = new DeviceCodePrompt(userCode, verification, complete, now.plusSeconds(lifetime));
        return new DeviceAuthorization(deviceCode, prompt, Duration.ofSeconds(Math.max(1, interval)), now,
                Duration.ofSeconds(lifetime));
    }

    /** Polls once for the outcome of {@code device}. */
    public PollOutcome poll(DeviceAuthorization device) throws AuthException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", DEVICE_GRANT);
        form.put("device_code", device.deviceCode());
        form.put("client_id", idp.clientId());
        IdpHttp.Answer a = http.post("the IdP's token endpoint", idp.token(), form);
        if (a.status() / 100 == 2) {
            return new PollOutcome.Approved(tokens(a.body(), true));
        }
        IdpError error = IdpErrors.from(a.body(), List.of(device.deviceCode()));
        return switch (error.code()) {
            case "authorization_pending" -> new PollOutcome.Pending();
            case "slow_down" -> new PollOutcome.SlowDown();
            case "access_denied" -> new PollOutcome.Denied();
            case "expired_token" -> new PollOutcome.Expired();
            default -> throw new IdpRefusedException("the IdP's token endpoint at " + idp.token()
                    + " refused the device sign-in: " + error.describe(), error.hint(idp.clientId(), idp.scopes()));
        };
    }

    /**
     * Trades {@code refreshToken} for fresh tokens. The answer may carry a rotated refresh token,
     * which replaces the old one; without one the old one stays valid.
     *
     * @throws SignInRequiredException when the IdP answers {@code invalid_grant}: the session is over
     */
    public TokenSet refresh(String refreshToken) throws AuthException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", idp.clientId());
        IdpHttp.Answer a = http.post("the IdP's token endpoint", idp.token(), form);
        if (a.status() / 100 == 2) {
            return tokens(a.body(), false);
        }
        IdpError error = IdpErrors.from(a.body(), List.of(refreshToken));
        if (error.code().equals("invalid_grant")) {
            throw new SignInRequiredException("your session at " + idp.broker() + " has ended (the IdP at "
                    + idp.issuer() + " no longer accepts it: " + error.describe() + "); sign in again");
        }
        throw new IdpRefusedException("the IdP's token endpoint at " + idp.token() + " refused to renew the session: "
                + error.describe(), error.hint(idp.clientId(), idp.scopes()));
    }

    /**
     * Revokes {@code refreshToken} (RFC 7009), when the IdP offers revocation.
     *
     * @return whether the IdP confirmed; false when it has no revocation endpoint
     */
    public boolean revoke(String refreshToken) throws AuthException {
        if (idp.revocation().isEmpty()) {
            return false;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", refreshToken);
        form.put("token_type_hint", "refresh_token");
        form.put("client_id", idp.clientId());
        int status = http.postForStatus("the IdP's revocation endpoint", idp.revocation().get(), form);
        return status / 100 == 2;
    }

    private TokenSet tokens(JsonNode body, boolean signIn) throws AuthException {
        String what = "the IdP's token endpoint";
        TokenAnswer f = IdpJson.read(body, TokenAnswer.class, what, idp.token());
        Instant now = clock.instant();
        String access = f.accessToken();
        String type = Optional.ofNullable(f.tokenType()).orElse("");
        if (!type.equalsIgnoreCase("bearer")) {
            throw new IdpProtocolException(what + " at " + idp.token() + " issued a token of type '"
                    + SecureUrl.shorten(type.length() > 20 ? type.substring(0, 20) : type)
                    + "', not a bearer token; Latchkey can use only bearer tokens");
        }
        long lifetime = IdpJson.seconds(f.expiresIn(), "expires_in", 0, 10L * 365 * 86_400, what, idp.token())
                .orElse(DEFAULT_ACCESS_LIFETIME.toSeconds());
        Optional<String> refresh = Optional.ofNullable(f.refreshToken());
        Optional<String> idToken = Optional.ofNullable(f.idToken());
        if (signIn && idToken.isEmpty()) {
            throw new IdpProtocolException(what + " at " + idp.token() + " gave no ID token, so Latchkey cannot tell "
                    + "who signed in; the client " + idp.clientId() + " must be allowed the 'openid' scope");
        }
        Optional<User> user = idToken.isPresent() ? Optional.of(IdToken.read(idToken.get(), idp)) : Optional.empty();
        return new TokenSet(access, now.plusSeconds(lifetime), refresh, user);
    }

    /** An RFC 8628 device authorization answer ({@code verification_url} is what older Google IdPs send). */
    record DeviceAnswer(@JsonProperty("device_code") String deviceCode, @JsonProperty("user_code") String userCode,
            @JsonProperty("verification_uri") String verificationUri, @JsonProperty("verification_url") String verificationUrl,
            @JsonProperty("verification_uri_complete") String verificationUriComplete,
            @JsonProperty("expires_in") Long expiresIn, Long interval) {
        DeviceAnswer {
            IdpJson.notBlank(Objects.requireNonNull(deviceCode, "device_code"), "device_code");
            IdpJson.notBlank(Objects.requireNonNull(userCode, "user_code"), "user_code");
            IdpJson.notBlank(verificationUri, "verification_uri");
            IdpJson.notBlank(verificationUrl, "verification_url");
            IdpJson.notBlank(verificationUriComplete, "verification_uri_complete");
        }

        @Override
        public String toString() {
            return "DeviceAnswer[deviceCode=(hidden)]";
        }
    }

    /** An RFC 6749 section 5.1 token answer. */
    record TokenAnswer(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") Long expiresIn, @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("id_token") String idToken) {
        TokenAnswer {
            IdpJson.notBlank(Objects.requireNonNull(accessToken, "access_token"), "access_token");
            IdpJson.notBlank(tokenType, "token_type");
            IdpJson.notBlank(refreshToken, "refresh_token");
            IdpJson.notBlank(idToken, "id_token");
        }

        @Override
        public String toString() {
            return "TokenAnswer[tokens=(hidden)]";
        }
    }
}
