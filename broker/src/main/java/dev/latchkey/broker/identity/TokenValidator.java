package dev.latchkey.broker.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks bearer tokens from one OIDC issuer: signature against the issuer's JWKS (found through
 * its discovery document, cached, fetched again when a token names an unknown key id),
 * {@code iss}, {@code aud}/{@code azp}, {@code exp} and {@code nbf} with a small leeway. Works
 * with any standard issuer: the broker's own dev IdP, Keycloak, and the like.
 */
public final class TokenValidator {

    /** Clock skew tolerated on {@code exp} and {@code nbf}. */
    public static final Duration LEEWAY = Duration.ofSeconds(60);

    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_TOKEN_CHARS = 16_384;

    private final URI issuer;
    private final String clientId;
    private final String groupsClaim;
    private final Clock clock;
    private final Duration minRefreshInterval;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final VerifiedTokens verified = new VerifiedTokens();

    private volatile JWKSet keys;
    private volatile Instant fetchedAt = Instant.MIN;
    private volatile URI jwksUri;

    /**
     * @param issuer the issuer tokens must name in {@code iss}, exactly
     * @param clientId the client id that must be in {@code aud} or be {@code azp}
     * @param groupsClaim the claim that lists the caller's groups
     * @param clock the broker's clock
     * @param minRefreshInterval how soon after a fetch an unknown key id may trigger another one
     */
    public TokenValidator(URI issuer, String clientId, String groupsClaim, Clock clock, Duration minRefreshInterval) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.groupsClaim = groupsClaim;
        this.clock = clock;
        this.minRefreshInterval = minRefreshInterval;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI issuer() {
        return issuer;
    }

    /** Validates {@code token} and says who it belongs to. */
    public Caller validate(String token) throws InvalidTokenException {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException("the token is too long");
        }
        ByteBuffer id = VerifiedTokens.keyOf(token);
        Optional<VerifiedTokens.Verified> known = verified.find(id, keys);
        if (known.isPresent()) {
            VerifiedTokens.Verified v = known.get();
            try {
                checkTimes(v.expires(), v.notBefore(), clock.instant());
            } catch (InvalidTokenException e) {
                verified.forget(id);
                throw e;
            }
            return v.caller();
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALLOWED.contains(header.getAlgorithm())) {
            throw new InvalidTokenException("the token's algorithm " + header.getAlgorithm() + " is not accepted");
        }
        // The issuer is checked before any key is fetched, so a token from elsewhere never makes
        // the broker call out.
        if (!issuer.toString().equals(claims.getIssuer())) {
            throw new InvalidTokenException("the token was issued by " + quoted(claims.getIssuer())
                    + ", not by " + issuer);
        }
        KeyFound found = keyFor(header);
        try {
            if (!jwt.verify(verifier(header, found.key()))) {
                throw new InvalidTokenException("the token's signature does not verify");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("the token's signature cannot be checked with key " + quoted(header.getKeyID()));
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new InvalidTokenException("the token has no expiry");
        }
        Instant notBefore = Optional.ofNullable(claims.getNotBeforeTime()).map(Date::toInstant).orElse(null);
        checkTimes(exp.toInstant(), notBefore, now);
        List<String> audience = claims.getAudience();
        String azp = stringClaim(claims, "azp");
        if (!audience.contains(clientId) && !clientId.equals(azp)) {
            throw new InvalidTokenException("the token is not meant for this broker (audience " + audience
                    + ", expected " + clientId + ")");
        }
        // Keycloak (and the dev IdP) mark ID tokens with typ "ID": they prove a sign-in to the
        // client, they are not meant as credentials for an API.
        if ("ID".equals(stringClaim(claims, "typ"))) {
            throw new InvalidTokenException("this is an ID token; call the broker with the access token");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidTokenException("the token has no subject");
        }
        String username = Optional.ofNullable(stringClaim(claims, "preferred_username")).orElse(subject);
        Caller caller = new Caller(subject, username, displayName(stringClaim(claims, "name")), groups(claims),
                azp == null ? clientId : azp);
        verified.remember(id, new VerifiedTokens.Verified(caller, exp.toInstant(), notBefore, found.set()), now);
        return caller;
    }

    /** {@code exp} and {@code nbf} against {@code now}, with the leeway; on every use, not just the first. */
    private static void checkTimes(Instant exp, Instant notBefore, Instant now) throws InvalidTokenException {
        if (now.isAfter(exp.plus(LEEWAY))) {
            throw new InvalidTokenException("the token expired at " + exp);
        }
        if (notBefore != null && now.isBefore(notBefore.minus(LEEWAY))) {
            throw new InvalidTokenException("the token is not valid before " + notBefore);
        }
    }

    /** A key and the key set it was found in. */
    private record KeyFound(JWK key, JWKSet set) {
    }

    private KeyFound keyFor(JWSHeader header) throws InvalidTokenException {
        String kid = header.getKeyID();
        JWKSet set = keys;
        if (set == null) {
            set = refresh(true);
        }
        Optional<JWK> found = pick(set, kid, header.getAlgorithm());
        if (found.isEmpty()) {
            // An unknown key id usually means the issuer rotated its keys: fetch the set again,
            // but not more often than minRefreshInterval, so bad tokens cannot flood the issuer.
            JWKSet again = refresh(false);
            if (again != null) {
                set = again;
                found = pick(again, kid, header.getAlgorithm());
            }
        }
        JWKSet in = set;
        return found.map(k -> new KeyFound(k, in)).orElseThrow(() -> new InvalidTokenException(
                "the token's key id " + quoted(kid) + " is not among the issuer's keys"));
    }

    private synchronized JWKSet refresh(boolean first) {
        if (first && keys != null) {
            return keys;
        }
        Instant now = clock.instant();
        if (!first && !fetchedAt.equals(Instant.MIN) && now.isBefore(fetchedAt.plus(minRefreshInterval))) {
            return null;
        }
        try {
            if (jwksUri == null) {
                jwksUri = discoverJwksUri();
            }
            JWKSet fetched = JWKSet.parse(get(jwksUri));
            keys = fetched;
            fetchedAt = now;
            return fetched;
        } catch (ParseException e) {
            throw new IdentityProviderUnavailableException("the issuer's key set at " + jwksUri + " is not a JWKS", e);
        }
    }

    private URI discoverJwksUri() {
        URI discovery = URI.create(issuer.toString().replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            JsonNode doc = json.readTree(get(discovery));
            if (!issuer.toString().equals(doc.path("issuer").asText())) {
                throw new IdentityProviderUnavailableException("the discovery document at " + discovery
                        + " names issuer " + quoted(doc.path("issuer").asText(null)) + ", not " + issuer, null);
            }
            String uri = doc.path("jwks_uri").asText("");
            if (uri.isEmpty()) {
                throw new IdentityProviderUnavailableException("the discovery document at " + discovery
                        + " has no jwks_uri", null);
            }
            return URI.create(uri);
        } catch (IOException e) {
            throw new IdentityProviderUnavailableException("the discovery document at " + discovery + " is not JSON", e);
        }
    }

    private String get(URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IdentityProviderUnavailableException(uri + " answered HTTP " + response.statusCode(), null);
            }
            return response.body();
        } catch (IOException e) {
            throw new IdentityProviderUnavailableException("cannot reach " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityProviderUnavailableException("interrupted while fetching " + uri, e);
        }
    }

    private static Optional<JWK> pick(JWKSet set, String kid, JWSAlgorithm alg) {
        return set.getKeys().stream()
                .filter(k -> kid == null || kid.equals(k.getKeyID()))
                .filter(k -> k.getKeyUse() == null || "sig".equals(k.getKeyUse().identifier()))
                .filter(k -> JWSAlgorithm.Family.RSA.contains(alg) ? k instanceof RSAKey : k instanceof ECKey)
                .findFirst();
    }

    private static JWSVerifier verifier(JWSHeader header, JWK key) throws JOSEException {
        return switch (key) {
            case RSAKey rsa -> new RSASSAVerifier(rsa);
            case ECKey ec -> new ECDSAVerifier(ec);
            default -> throw new JOSEException("unsupported key type for " + header.getAlgorithm());
        };
    }

    private Set<String> groups(JWTClaimsSet claims) throws InvalidTokenException {
        Object value = claims.getClaim(groupsClaim);
        Set<String> out = new LinkedHashSet<>();
        switch (value) {
            case null -> {
                // No groups claim: the caller is in no group and sees no scope.
            }
            case String single -> out.add(single);
            case List<?> list -> {
                for (Object item : list) {
                    if (!(item instanceof String s)) {
                        throw new InvalidTokenException("the " + groupsClaim + " claim must list names");
                    }
                    // Keycloak's group mapper may give full paths ("/payments-dev").
                    out.add(s.startsWith("/") ? s.substring(1) : s);
                }
            }
            default -> throw new InvalidTokenException("the " + groupsClaim + " claim must list names");
        }
        return out;
    }

    /** The {@code name} claim on one line and at most 200 characters (it is stored and shown), or null. */
    private static String displayName(String name) {
        if (name == null) {
            return null;
        }
        String line = name.replaceAll("\\p{Cntrl}+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v instanceof String s ? s : null;
    }

    private static String quoted(String s) {
        return s == null ? "(none)" : "'" + (s.length() > 100 ? s.substring(0, 100) + "..." : s) + "'";
    }
}
