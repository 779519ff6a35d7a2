package dev.latchkey.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

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
        Fields latchkey = new Fields(http.get(what, wellKnown), what, wellKnown);
        String issuerText = latchkey.text("issuer");
        URI issuer = SecureUrl.check("the IdP issuer named by the broker", issuerText);
        String clientId = latchkey.text("clientId");
        // A broker that names no scopes predates the choice of offline access: ask for what every IdP grants.
        String scopes = latchkey.optionalText("scopes").orElse(DEFAULT_SCOPES);

        URI config = URI.create(trimSlash(issuer.toString()) + "/.well-known/openid-configuration");
        String idpWhat = "the IdP's discovery document";
        JsonNode doc = http.get(idpWhat, config);
        Fields oidc = new Fields(doc, idpWhat, config);
        String advertised = oidc.text("issuer");
        if (!trimSlash(advertised).equals(trimSlash(issuer.toString()))) {
            // OpenID Connect Discovery 4.3: a document for another issuer must not be used.
            throw new IdpProtocolException(idpWhat + " at " + config + " is for issuer "
                    + SecureUrl.shorten(advertised) + ", not " + issuer + "; the broker's settings and the IdP disagree");
        }
        if (oidc.optionalText("device_authorization_endpoint").isEmpty()) {
            throw new IdpProtocolException("the IdP at " + issuer + " does not offer the device sign-in "
                    + "(no device_authorization_endpoint in " + config + "); ask its administrator to enable "
                    + "the OAuth 2.0 device authorization grant for client " + clientId);
        }
        URI device = SecureUrl.check("the IdP's device authorization endpoint", oidc.text("device_authorization_endpoint"));
        URI token = SecureUrl.check("the IdP's token endpoint", oidc.text("token_endpoint"));
        Optional<URI> revocation = Optional.empty();
        Optional<String> revocationText = oidc.optionalText("revocation_endpoint");
        if (revocationText.isPresent()) {
            revocation = Optional.of(SecureUrl.check("the IdP's revocation endpoint", revocationText.get()));
        }
        return new IdpEndpoints(base, issuer, clientId, scopes, device, token, revocation);
    }

    static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
