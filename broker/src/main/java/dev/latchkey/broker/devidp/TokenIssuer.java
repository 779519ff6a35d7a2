package dev.latchkey.broker.devidp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Signs access and ID tokens with an ES256 key made when the IdP starts.
 *
 * <p>ES256 rather than Keycloak's default RS256: making a P-256 key takes about a millisecond,
 * an RSA-2048 key up to half a second, which was most of the demo broker's start in the desktop
 * app (docs/performance.md). The broker validates both, as it must for real IdPs.
 *
 * <p>The key lives only in memory: tokens from a previous run fail signature checks, which is
 * what a developer restarting a dev broker should see. Headers say {@code typ: JWT}, as Keycloak's
 * access tokens do, so a standard JWT processor accepts them without configuration.
 */
final class TokenIssuer {

    private final ECKey key;
    private final ECDSASigner signer;
    private final ECDSAVerifier verifier;
    private final DevIdpSettings settings;
    private final Clock clock;
    private final Supplier<URI> issuer;

    TokenIssuer(DevIdpSettings settings, Clock clock, Supplier<URI> issuer) {
        this.settings = settings;
        this.clock = clock;
        this.issuer = issuer;
        try {
            this.key = new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyID("dev-idp-" + UUID.randomUUID())
                    .generate();
            this.signer = new ECDSASigner(key);
            this.verifier = new ECDSAVerifier(key.toECPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the dev IdP's signing key", e);
        }
    }

    /** The tokens one successful grant hands out. */
    record Issued(String accessToken, String idToken, long expiresInSeconds) {
        @Override
        public String toString() {
            return "Issued[<tokens hidden>, expiresIn=" + expiresInSeconds + "s]";
        }
    }

    /** The public half of the signing key, as {@code /jwks} serves it. */
    Map<String, Object> publicJwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }

    Issued issue(DemoUser user, String scope) {
        Instant now = clock.instant();
        Instant expires = now.plus(settings.accessTokenTtl());
        JWTClaimsSet access = identity(user, now, expires)
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", scope)
                .claim("typ", "Bearer")
                .build();
        JWTClaimsSet id = identity(user, now, expires)
                .claim("auth_time", now.getEpochSecond())
                .claim("typ", "ID")
                .build();
        return new Issued(sign(access), sign(id), settings.accessTokenTtl().toSeconds());
    }

    /**
     * The claims of an access token this IdP signed that has not expired; empty for anything
     * else (a foreign or tampered token, an ID token, an expired one).
     */
    Optional<JWTClaimsSet> verifiedAccessToken(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            boolean current = claims.getExpirationTime() != null
                    && clock.instant().isBefore(claims.getExpirationTime().toInstant());
            boolean ours = issuer.get().toString().equals(claims.getIssuer());
            boolean access = "Bearer".equals(claims.getClaim("typ"));
            return current && ours && access ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** Whether the string is a token this IdP signed, expired or not (for RFC 7009's type check). */
    boolean signedHere(String token) {
        try {
            return SignedJWT.parse(token).verify(verifier);
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private JWTClaimsSet.Builder identity(DemoUser user, Instant now, Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer.get().toString())
                .subject(user.subject())
                .audience(settings.clientId())
                .claim("azp", settings.clientId())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .claim("preferred_username", user.username())
                .claim("name", user.name())
                .claim("email", user.email())
                .claim("email_verified", true)
                .claim("groups", user.groups());
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev IdP token", e);
        }
        return jwt.serialize();
    }
}
