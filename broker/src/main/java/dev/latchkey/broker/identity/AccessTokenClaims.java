package dev.latchkey.broker.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The claims an access token for this broker must carry, checked by Nimbus' JWT processor once the
 * signature verifies: {@code exp} and {@code nbf} against the broker's clock with {@link #LEEWAY},
 * the broker's client id in {@code aud} or as {@code azp}, not an ID token, a subject. Messages say
 * which claim is wrong; they go to the client in {@code WWW-Authenticate}, so they never hold the token.
 */
final class AccessTokenClaims implements JWTClaimsSetVerifier<IssuerKeys.Use> {

    /** Clock skew tolerated on {@code exp} and {@code nbf}. */
    static final Duration LEEWAY = Duration.ofSeconds(60);

    private final String clientId;
    private final Clock clock;

    AccessTokenClaims(String clientId, Clock clock) {
        this.clientId = clientId;
        this.clock = clock;
    }

    @Override
    public void verify(JWTClaimsSet claims, IssuerKeys.Use use) throws BadJWTException {
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new BadJWTException("the token has no expiry");
        }
        try {
            checkTimes(exp.toInstant(), notBefore(claims), clock.instant());
        } catch (InvalidTokenException e) {
            throw new BadJWTException(e.getMessage());
        }
        List<String> audience = claims.getAudience();
        String azp = stringClaim(claims, "azp");
        if (!audience.contains(clientId) && !clientId.equals(azp)) {
            throw new BadJWTException("the token is not meant for this broker (audience " + audience
                    + ", expected " + clientId + ")");
        }
        // Keycloak (and the dev IdP) mark ID tokens with typ "ID": they prove a sign-in to the
        // client, they are not meant as credentials for an API.
        if ("ID".equals(stringClaim(claims, "typ"))) {
            throw new BadJWTException("this is an ID token; call the broker with the access token");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new BadJWTException("the token has no subject");
        }
    }

    /** {@code exp} and {@code nbf} against {@code now}, with the leeway; on every use, not just the first. */
    static void checkTimes(Instant exp, Instant notBefore, Instant now) throws InvalidTokenException {
        if (now.isAfter(exp.plus(LEEWAY))) {
            throw new InvalidTokenException("the token expired at " + exp);
        }
        if (notBefore != null && now.isBefore(notBefore.minus(LEEWAY))) {
            throw new InvalidTokenException("the token is not valid before " + notBefore);
        }
    }

    /** The token's {@code nbf}, or null when it has none. */
    static Instant notBefore(JWTClaimsSet claims) {
        Date nbf = claims.getNotBeforeTime();
        return nbf == null ? null : nbf.toInstant();
    }

    /** A claim's value when it is a string; null otherwise. */
    static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : null;
    }
}
