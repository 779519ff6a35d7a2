package dev.latchkey.broker.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;

/**
 * The bottom of the broker's key source: fetches an issuer's key set from the {@code jwks_uri} its
 * discovery document names (found on the first fetch, and only after the discovery document names
 * exactly this issuer). Caching and rate limits sit above it ({@link IssuerKeys}); every failure is
 * a {@link JWKSetUnavailableException} whose message says what went wrong, never with a token in it.
 */
final class IssuerKeySet<C extends SecurityContext> implements JWKSetSource<C> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI issuer;
    private final IdpFetch fetch = new IdpFetch();
    private volatile URI jwksUri;

    IssuerKeySet(URI issuer) {
        this.issuer = issuer;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long currentTime, C context)
            throws JWKSetUnavailableException {
        URI uri = jwksUri();
        try {
            return JWKSet.parse(get(uri));
        } catch (ParseException e) {
            throw new JWKSetParseException("the issuer's key set at " + uri + " is not a JWKS", e);
        }
    }

    private URI jwksUri() throws JWKSetUnavailableException {
        URI known = jwksUri;
        if (known != null) {
            return known;
        }
        URI discovery = IdpFetch.discovery(issuer);
        JsonNode doc;
        try {
            doc = JSON.readTree(get(discovery));
        } catch (IOException e) {
            throw new JWKSetUnavailableException("the discovery document at " + discovery + " is not JSON", e);
        }
        if (!issuer.toString().equals(doc.path("issuer").asText())) {
            throw new JWKSetUnavailableException("the discovery document at " + discovery + " names issuer "
                    + Quote.of(doc.path("issuer").asText(null)) + ", not " + issuer);
        }
        String uri = doc.path("jwks_uri").asText("");
        if (uri.isEmpty()) {
            throw new JWKSetUnavailableException("the discovery document at " + discovery + " has no jwks_uri");
        }
        jwksUri = URI.create(uri);
        return jwksUri;
    }

    private String get(URI uri) throws JWKSetUnavailableException {
        try {
            IdpFetch.Answer answer = fetch.get(uri);
            if (answer.status() != 200) {
                throw new JWKSetUnavailableException(uri + " answered HTTP " + answer.status());
            }
            return answer.body();
        } catch (IOException e) {
            throw new JWKSetUnavailableException("cannot reach " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JWKSetUnavailableException("interrupted while fetching " + uri, e);
        }
    }

    @Override
    public void close() {
        fetch.close();
    }
}
