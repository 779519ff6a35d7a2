package dev.latchkey.core.internal.auth;

import dev.latchkey.core.auth.IdpProtocolException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import dev.latchkey.core.auth.AuthException;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * From a broker URL to the IdP's endpoints: {@code <broker>/.well-known/latchkey} names the
 * issuer and client, then {@code <issuer>/.well-known/openid-configuration} names the
 * endpoints. A user needs to know only the broker's URL.
 */
public final class Discovery {

    /** What a client asks for when the broker names no scopes. */
    public static final String DEFAULT_SCOPES = "openid profile email";

    private final IdpHttp http;

    /** Discovery whose every call ends within {@code callTimeout}. */
    public Discovery(Duration callTimeout) {
        this.http = new IdpHttp(callTimeout);
    }

    /** The endpoints for signing in to {@code broker}. */
    public IdpEndpoints discover(URI broker) throws AuthException {
        URI base = SecureUrl.check("the broker URL", trimSlash(broker.toString()));
        URI wellKnown = URI.create(base + "/.well-known/latchkey");
        String what = "the broker's sign-in settings";
        SignInSettings latchkey = IdpJson.read(http.get(what, wellKnown), SignInSettings.class, what, wellKnown);
        URI issuer = SecureUrl.check("the IdP issuer named by the broker", latchkey.issuer());
        String clientId = latchkey.clientId();
        // A broker that names no scopes predates the choice of offline access: ask for what every IdP grants.
        String scopes = Optional.ofNullable(latchkey.scopes()).orElse(DEFAULT_SCOPES);

        URI config = URI.create(trimSlash(issuer.toString()) + "/.well-known/openid-configuration");
        String idpWhat = "the IdP's discovery document";
        OpenIdConfiguration oidc = IdpJson.read(http.get(idpWhat, config), OpenIdConfiguration.class, idpWhat, config);
        String advertised = oidc.issuer();
        if (!trimSlash(advertised).equals(trimSlash(issuer.toString()))) {
            // OpenID Connect Discovery 4.3: a document for another issuer must not be used.
            throw new IdpProtocolException(idpWhat + " at " + config + " is for issuer "
                    + SecureUrl.shorten(advertised) + ", not " + issuer + "; the broker's settings and the IdP disagree");
        }
        if (oidc.deviceAuthorization() == null) {
            throw new IdpProtocolException("the IdP at " + issuer + " does not offer the device sign-in "
                    + "(no device_authorization_endpoint in " + config + "); ask its administrator to enable "
                    + "the OAuth 2.0 device authorization grant for client " + clientId);
        }
        if (oidc.token() == null) {
            throw IdpJson.leftOut("token_endpoint", idpWhat, config);
        }
        URI device = SecureUrl.check("the IdP's device authorization endpoint", oidc.deviceAuthorization());
        URI token = SecureUrl.check("the IdP's token endpoint", oidc.token());
        Optional<URI> revocation = Optional.empty();
        if (oidc.revocation() != null) {
            revocation = Optional.of(SecureUrl.check("the IdP's revocation endpoint", oidc.revocation()));
        }
        return new IdpEndpoints(base, issuer, clientId, scopes, device, token, revocation);
    }

    /** {@code <broker>/.well-known/latchkey}, the part of it sign-in needs. */
    record SignInSettings(String issuer, String clientId, String scopes) {
        SignInSettings {
            IdpJson.notBlank(Objects.requireNonNull(issuer, "issuer"), "issuer");
            IdpJson.notBlank(Objects.requireNonNull(clientId, "clientId"), "clientId");
            IdpJson.notBlank(scopes, "scopes");
        }
    }

    /** The part of an OpenID Connect discovery document sign-in needs. */
    record OpenIdConfiguration(String issuer,
            @JsonProperty("device_authorization_endpoint") String deviceAuthorization,
            @JsonProperty("token_endpoint") String token,
            @JsonProperty("revocation_endpoint") String revocation) {
        OpenIdConfiguration {
            IdpJson.notBlank(Objects.requireNonNull(issuer, "issuer"), "issuer");
            IdpJson.notBlank(deviceAuthorization, "device_authorization_endpoint");
            IdpJson.notBlank(token, "token_endpoint");
            IdpJson.notBlank(revocation, "revocation_endpoint");
        }
    }

    static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
