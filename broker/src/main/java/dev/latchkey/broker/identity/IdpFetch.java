package dev.latchkey.broker.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GETs of an IdP's discovery document and key set: each bounded by {@link #TIMEOUT}, redirects not
 * followed (an issuer that redirects its own documents is misconfigured, and a redirect must not
 * carry the broker elsewhere).
 */
final class IdpFetch implements AutoCloseable {

    /** The bound on connecting to the IdP and on each answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What the IdP answered. */
    record Answer(int status, String body) {
    }

    /**
     * Made on the first fetch, not with the broker: a JDK client sets TLS up as it is built (the trust
     * store read and parsed), and a broker's start need not wait for that. Its token validator fetches
     * the IdP's keys only when the first token comes.
     */
    private HttpClient http;

    /** Where {@code issuer} publishes its OIDC discovery document. */
    static URI discovery(URI issuer) {
        return URI.create(issuer.toString().replaceAll("/+$", "") + "/.well-known/openid-configuration");
    }

    /**
     * Fetches {@code uri} as JSON.
     *
     * @throws IOException when the IdP cannot be reached or does not answer in time
     * @throws InterruptedException when the calling thread is interrupted while waiting
     * @throws IllegalArgumentException when {@code uri} is not an HTTP URL
     */
    Answer get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = client().send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.close();
        }
    }
}
