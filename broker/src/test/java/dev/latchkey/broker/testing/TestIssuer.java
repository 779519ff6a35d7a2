package dev.latchkey.broker.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A minimal OIDC issuer for tests, on a real loopback port: a discovery document and a JWKS
 * that the test can rotate, plus tokens signed with its keys (or with keys it does not publish).
 */
public final class TestIssuer implements AutoCloseable {

    private final HttpServer server;
    private final URI issuer;
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final Clock clock;

    public TestIssuer(Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.issuer = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test");
        // What a broker checks at start (the binary refuses an IdP without device sign-in); the
        // device and token endpoints are named, not served: tests here bring their own tokens.
        server.createContext("/realms/test/.well-known/openid-configuration", ex -> send(ex,
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\",\"device_authorization_endpoint\":\""
                        + issuer + "/device\",\"token_endpoint\":\"" + issuer + "/token\",\"scopes_supported\":"
                        + "[\"openid\",\"profile\",\"email\",\"offline_access\"]}"));
        server.createContext("/realms/test/jwks", ex -> {
            jwksFetches.incrementAndGet();
            send(ex, new JWKSet(published.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
                    .toString());
        });
        server.start();
        published.add(newKey("key-1"));
    }

    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI issuer() {
        return issuer;
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** Publishes {@code key} beside the existing ones (an issuer rotating its keys). */
    public void publish(RSAKey key) {
        published.add(key);
    }

    /** A valid access token for {@code user} in {@code groups}: one hour, audience latchkey. */
    public String token(String user, String... groups) {
        return token(published.getFirst(), b -> b, user, groups);
    }

    /** A token signed with {@code key}, its claims adjusted by {@code adjust}. */
    public String token(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> adjust, String user, String... groups) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer.toString())
                .subject("sub-" + user)
                .audience("latchkey")
                .claim("azp", "latchkey")
                .claim("preferred_username", user)
                .claim("groups", List.of(groups))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                adjust.apply(claims).build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The key the issuer signs with by default. */
    public RSAKey signingKey() {
        return published.getFirst();
    }

    private static void send(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
