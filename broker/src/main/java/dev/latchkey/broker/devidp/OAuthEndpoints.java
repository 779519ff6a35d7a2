package dev.latchkey.broker.devidp;

import com.nimbusds.jwt.JWTClaimsSet;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine-facing endpoints: discovery, JWKS, device authorization (RFC 8628), token
 * (device_code and refresh_token grants), revocation (RFC 7009) and userinfo.
 *
 * <p>Requests are read strictly — form encoding, no repeated parameters, the one known client —
 * because the core library's sign-in client is tested against this IdP and against Keycloak,
 * and a lenient IdP would hide a client bug that Keycloak then exposes.
 */
final class OAuthEndpoints {

    static final String REALM = "dev-idp";
    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final String REFRESH_TOKEN_GRANT = "refresh_token";
    static final List<String> SUPPORTED_SCOPES = List.of("openid", "profile", "email", "offline_access", "groups");
    static final String DEFAULT_SCOPE = "openid profile email";

    private static final Logger LOG = LoggerFactory.getLogger(OAuthEndpoints.class);

    private final DevIdpSettings settings;
    private final Clock clock;
    private final DevIdpUrls urls;
    private final DeviceAuthorizations devices;
    private final RefreshTokens refreshTokens;
    private final TokenIssuer tokens;
    // jti -> expiry of access tokens revoked through RFC 7009; userinfo honours it.
    private final Map<String, Instant> revokedAccessTokens = new HashMap<>();

    OAuthEndpoints(DevIdpSettings settings, Clock clock, DevIdpUrls urls, DeviceAuthorizations devices,
            RefreshTokens refreshTokens, TokenIssuer tokens) {
        this.settings = settings;
        this.clock = clock;
        this.urls = urls;
        this.devices = devices;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
    }

    Handler discovery() {
        return ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("issuer", urls.issuer().toString());
            body.put("jwks_uri", urls.at("/jwks"));
            body.put("device_authorization_endpoint", urls.at("/device/authorize"));
            body.put("token_endpoint", urls.at("/token"));
            body.put("revocation_endpoint", urls.at("/revoke"));
            body.put("userinfo_endpoint", urls.at("/userinfo"));
            body.put("grant_types_supported", List.of(DEVICE_CODE_GRANT, REFRESH_TOKEN_GRANT));
            // No authorization endpoint, so no response types: sign-in is by device code only.
            body.put("response_types_supported", List.of());
            body.put("subject_types_supported", List.of("public"));
            body.put("id_token_signing_alg_values_supported", List.of("ES256"));
            body.put("token_endpoint_auth_methods_supported", List.of("none"));
            body.put("revocation_endpoint_auth_methods_supported", List.of("none"));
            body.put("scopes_supported", SUPPORTED_SCOPES);
            body.put("claims_supported", List.of("iss", "sub", "aud", "azp", "exp", "iat", "nbf",
                    "preferred_username", "name", "email", "email_verified", "groups"));
            OAuthReply.json(ctx, 200, body);
        };
    }

    Handler jwks() {
        return ctx -> OAuthReply.json(ctx, 200, tokens.publicJwks());
    }

    Handler deviceAuthorization() {
        return OAuthReply.oauth(ctx -> {
            OAuthRequest.requireForm(ctx);
            String clientId = OAuthRequest.client(ctx, settings.clientId());
            String scope = OAuthRequest.scope(OAuthRequest.param(ctx, "scope"), DEFAULT_SCOPE);
            DeviceAuthorizations.Started started = devices.start(clientId, scope);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("device_code", started.deviceCode());
            body.put("user_code", started.userCode().display());
            body.put("verification_uri", urls.at("/device"));
            body.put("verification_uri_complete", urls.at("/device") + "?user_code=" + started.userCode().display());
            body.put("expires_in", started.expiresIn().toSeconds());
            body.put("interval", started.interval().toSeconds());
            LOG.info("dev IdP: device sign-in started for client {} (scope {})", clientId, scope);
            OAuthReply.noStoreJson(ctx, 200, body);
        });
    }

    Handler token() {
        return OAuthReply.oauth(ctx -> {
            OAuthRequest.requireForm(ctx);
            String grantType = OAuthRequest.param(ctx, "grant_type");
            if (grantType == null) {
                throw OAuthError.invalidRequest("grant_type is missing.");
            }
            String clientId = OAuthRequest.client(ctx, settings.clientId());
            switch (grantType) {
                case DEVICE_CODE_GRANT -> deviceCodeGrant(ctx, clientId);
                case REFRESH_TOKEN_GRANT -> refreshTokenGrant(ctx, clientId);
                default -> throw OAuthError.badRequest("unsupported_grant_type",
                        "This IdP supports the grant types " + DEVICE_CODE_GRANT + " and " + REFRESH_TOKEN_GRANT + ".");
            }
        });
    }

    Handler revocation() {
        return OAuthReply.oauth(ctx -> {
            OAuthRequest.requireForm(ctx);
            String clientId = OAuthRequest.client(ctx, settings.clientId());
            String token = OAuthRequest.param(ctx, "token");
            if (token == null) {
                throw OAuthError.invalidRequest("token is missing.");
            }
            // RFC 7009 §2.2: unknown and already-revoked tokens are answered 200 too, and the
            // hint is only a hint, so both kinds are tried whatever it says.
            if (!refreshTokens.revoke(token, clientId)) {
                tokens.verifiedAccessToken(token).ifPresent(claims -> revokeAccessToken(claims));
            }
            ctx.header("Cache-Control", "no-store");
            ctx.header("Pragma", "no-cache");
            ctx.status(200);
        });
    }

    Handler userinfo() {
        return ctx -> {
            String header = ctx.header("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                // RFC 6750 §3.1: a request without credentials gets a bare challenge, no error code.
                ctx.header("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
                ctx.status(401);
                return;
            }
            JWTClaimsSet claims = tokens.verifiedAccessToken(header.substring(7).strip())
                    .filter(c -> !revoked(c))
                    .orElse(null);
            if (claims == null) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"" + REALM
                        + "\", error=\"invalid_token\", error_description=\"The access token is invalid, expired or revoked.\"");
                OAuthReply.json(ctx, 401, Map.of("error", "invalid_token",
                        "error_description", "The access token is invalid, expired or revoked."));
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            for (String name : List.of("sub", "preferred_username", "name", "email", "email_verified", "groups")) {
                body.put(name, claims.getClaim(name));
            }
            ctx.header("Cache-Control", "no-store");
            OAuthReply.json(ctx, 200, body);
        };
    }

    private void deviceCodeGrant(Context ctx, String clientId) {
        String deviceCode = OAuthRequest.param(ctx, "device_code");
        if (deviceCode == null) {
            throw OAuthError.invalidRequest("device_code is missing.");
        }
        switch (devices.poll(deviceCode, clientId)) {
            case DeviceAuthorizations.Poll.Pending p -> throw OAuthError.badRequest("authorization_pending",
                    "The user has not approved this sign-in yet; keep polling.");
            case DeviceAuthorizations.Poll.SlowDown s -> throw OAuthError.badRequest("slow_down",
                    "Polling too fast; wait at least " + s.interval().toSeconds() + " s between requests.");
            case DeviceAuthorizations.Poll.Denied d -> throw OAuthError.badRequest("access_denied",
                    "The user denied this sign-in.");
            case DeviceAuthorizations.Poll.Expired e -> throw OAuthError.badRequest("expired_token",
                    "The device code has expired; start the sign-in again.");
            case DeviceAuthorizations.Poll.Unknown u -> throw OAuthError.invalidGrant(
                    "The device code is unknown, already used, or was issued to another client.");
            case DeviceAuthorizations.Poll.Approved approved -> {
                LOG.info("dev IdP: tokens issued to {} after a device sign-in", approved.user().username());
                tokenResponse(ctx, new RefreshTokens.Grant(approved.user(), clientId, approved.scope()),
                        refreshTokens.issue(new RefreshTokens.Grant(approved.user(), clientId, approved.scope())));
            }
        }
    }

    private void refreshTokenGrant(Context ctx, String clientId) {
        String refreshToken = OAuthRequest.param(ctx, "refresh_token");
        if (refreshToken == null) {
            throw OAuthError.invalidRequest("refresh_token is missing.");
        }
        String requestedScope = OAuthRequest.param(ctx, "scope");
        switch (refreshTokens.rotate(refreshToken, clientId)) {
            case RefreshTokens.Use.Refused refused -> throw OAuthError.invalidGrant(refused.reason());
            case RefreshTokens.Use.Rotated rotated -> {
                RefreshTokens.Grant grant = rotated.grant();
                String scope = grant.scope();
                if (requestedScope != null) {
                    String narrowed = OAuthRequest.scope(requestedScope, scope);
                    // RFC 6749 §6: a refresh may narrow the scope, never widen it.
                    if (!Set.of(scope.split(" ")).containsAll(Set.of(narrowed.split(" ")))) {
                        throw OAuthError.badRequest("invalid_scope",
                                "A refresh can only ask for scopes the sign-in was granted: " + scope + ".");
                    }
                    scope = narrowed;
                }
                // One line per refresh (no token in it): the agent bench counts these to show one refresh for many clients.
                LOG.info("dev IdP: tokens refreshed for {}", grant.user().username());
                tokenResponse(ctx, new RefreshTokens.Grant(grant.user(), clientId, scope), rotated.successor());
            }
        }
    }

    private void tokenResponse(Context ctx, RefreshTokens.Grant grant, String refreshToken) {
        TokenIssuer.Issued issued = tokens.issue(grant.user(), grant.scope());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", issued.expiresInSeconds());
        body.put("refresh_token", refreshToken);
        body.put("refresh_expires_in", settings.refreshTokenTtl().toSeconds());
        body.put("id_token", issued.idToken());
        body.put("scope", grant.scope());
        OAuthReply.noStoreJson(ctx, 200, body);
    }

    private synchronized void revokeAccessToken(JWTClaimsSet claims) {
        Instant now = clock.instant();
        revokedAccessTokens.values().removeIf(expiry -> !now.isBefore(expiry));
        revokedAccessTokens.put(claims.getJWTID(), claims.getExpirationTime().toInstant());
    }

    private synchronized boolean revoked(JWTClaimsSet claims) {
        return revokedAccessTokens.containsKey(claims.getJWTID());
    }
}
