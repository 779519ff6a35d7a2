package dev.latchkey.broker.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a broker checks about its IdP before it serves anyone: the issuer's discovery document can
 * be fetched and names exactly the configured issuer (a trailing slash included, as tokens name it
 * exactly), its key set can be fetched and holds keys, and it offers the device authorization
 * grant Latchkey's clients sign in with. Every call ends within {@link #TIMEOUT}.
 */
public final class IssuerCheck {

    /** The bound on each call to the IdP. */
    public static final Duration TIMEOUT = IdpFetch.TIMEOUT;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the check found. */
    public sealed interface Result {
    }

    /**
     * The IdP is there and fit for Latchkey.
     *
     * @param scopesSupported the scopes its discovery lists ({@code scopes_supported}); empty when it lists none
     */
    public record Fit(Set<String> scopesSupported) implements Result {
        public Fit {
            scopesSupported = Set.copyOf(scopesSupported);
        }
    }

    /** The IdP did not answer (no connection, a timeout, a server error): it may come up later. */
    public record Unreachable(String message) implements Result {
    }

    /** The IdP answered, and what it said does not fit the configuration: this will not fix itself. */
    public record Misfit(String message) implements Result {
    }

    /** Checks the IdP whose issuer is {@code issuer}, for tokens issued to {@code clientId}. */
    public Result check(URI issuer, String clientId) {
        try (IdpFetch http = new IdpFetch()) {
            return check(http, issuer, clientId);
        }
    }

    private Result check(IdpFetch http, URI issuer, String clientId) {
        String configured = issuer.toString();
        URI discovery = IdpFetch.discovery(issuer);
        Fetched doc = fetch(http, discovery);
        if (doc.failure() != null) {
            return doc.failure();
        }
        JsonNode json;
        try {
            json = JSON.readTree(doc.body());
        } catch (IOException e) {
            return new Misfit("the IdP's discovery document at " + discovery + " is not JSON; check --issuer");
        }
        String named = json.path("issuer").asText("");
        if (!configured.equals(named)) {
            boolean slash = configured.replaceAll("/+$", "").equals(named.replaceAll("/+$", ""));
            return new Misfit("the IdP at " + discovery + " names its issuer '" + clip(named) + "', not '" + configured
                    + "'" + (slash ? " (the trailing slash differs)" : "") + "; tokens name their issuer exactly, so give"
                    + " --issuer " + clip(named));
        }
        String jwksUri = json.path("jwks_uri").asText("");
        if (jwksUri.isEmpty()) {
            return new Misfit("the IdP's discovery document at " + discovery + " names no jwks_uri, so no token could "
                    + "be checked");
        }
        Fetched keys = fetch(http, URI.create(jwksUri));
        if (keys.failure() != null) {
            return keys.failure();
        }
        try {
            if (JWKSet.parse(keys.body()).getKeys().isEmpty()) {
                return new Misfit("the IdP's key set at " + jwksUri + " holds no keys, so no token could be checked");
            }
        } catch (ParseException e) {
            return new Misfit("the IdP's key set at " + jwksUri + " is not a JWKS");
        }
        if (json.path("device_authorization_endpoint").asText("").isEmpty()) {
            return new Misfit("the IdP at " + configured + " does not offer the device authorization grant (no "
                    + "device_authorization_endpoint in its discovery document), which Latchkey's clients sign in with; "
                    + "enable it for client " + clientId + " (docs/deploy.md)");
        }
        Set<String> scopes = new LinkedHashSet<>();
        json.path("scopes_supported").forEach(s -> scopes.add(s.asText()));
        return new Fit(scopes);
    }

    private record Fetched(String body, Result failure) {
    }

    private static Fetched fetch(IdpFetch http, URI uri) {
        try {
            IdpFetch.Answer r = http.get(uri);
            if (r.status() >= 500) {
                return new Fetched(null, new Unreachable(uri + " answered HTTP " + r.status()));
            }
            if (r.status() != 200) {
                return new Fetched(null, new Misfit(uri + " answered HTTP " + r.status()
                        + "; check --issuer (for Keycloak it is https://HOST/realms/REALM)"));
            }
            return new Fetched(r.body(), null);
        } catch (IOException e) {
            return new Fetched(null, new Unreachable("cannot reach " + uri + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + clip(e.getMessage())) + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Fetched(null, new Unreachable("interrupted while fetching " + uri));
        } catch (IllegalArgumentException e) {
            return new Fetched(null, new Misfit("'" + clip(uri.toString()) + "' is not a URL the broker can fetch"));
        }
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
