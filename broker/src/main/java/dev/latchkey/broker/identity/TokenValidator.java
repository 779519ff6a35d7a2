package dev.latchkey.broker.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.nio.ByteBuffer;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Checks bearer tokens from one OIDC issuer with Nimbus' {@link DefaultJWTProcessor}: the signature
 * against the issuer's key set ({@link IssuerKeys}: found through its discovery document, cached,
 * fetched again when a token names an unknown key id), then the claims ({@link AccessTokenClaims}:
 * {@code aud}/{@code azp}, {@code exp} and {@code nbf} with a small leeway on the broker's clock).
 * A token that passed is remembered ({@link VerifiedTokens}), so the next call with it costs a hash.
 * Works with any standard issuer: the broker's own dev IdP, Keycloak, and the like.
 */
public final class TokenValidator {

    /** Clock skew tolerated on {@code exp} and {@code nbf}. */
    public static final Duration LEEWAY = AccessTokenClaims.LEEWAY;

    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final int MAX_TOKEN_CHARS = 16_384;

    private final URI issuer;
    private final Clock clock;
    private final IssuerKeys keys;
    private final DefaultJWTProcessor<IssuerKeys.Use> processor = new DefaultJWTProcessor<>();
    private final CallerClaims callers;
    private final VerifiedTokens verified = new VerifiedTokens();

    /**
     * @param issuer the issuer tokens must name in {@code iss}, exactly
     * @param clientId the client id that must be in {@code aud} or be {@code azp}
     * @param groupsClaim the claim that lists the caller's groups
     * @param clock the broker's clock
     * @param minRefreshInterval the key set is fetched at most twice within this interval, however
     *     many tokens name unknown key ids
     */
    public TokenValidator(URI issuer, String clientId, String groupsClaim, Clock clock, Duration minRefreshInterval) {
        this.issuer = issuer;
        this.clock = clock;
        this.keys = new IssuerKeys(issuer, clock, minRefreshInterval);
        this.callers = new CallerClaims(groupsClaim, clientId);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED, keys));
        processor.setJWTClaimsSetVerifier(new AccessTokenClaims(clientId, clock));
        // IdPs differ in the header's typ (JWT, at+jwt, vendor types); the claims say what a token is.
        processor.setJWSTypeVerifier((type, use) -> {
        });
    }

    public URI issuer() {
        return issuer;
    }

    /**
     * Validates {@code token} and says who it belongs to.
     *
     * @throws InvalidTokenException when the token is not accepted; the message says why
     * @throws IdentityProviderUnavailableException when the issuer's keys cannot be fetched now
     */
    public Caller validate(String token) throws InvalidTokenException {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException("the token is too long");
        }
        ByteBuffer id = VerifiedTokens.keyOf(token);
        Optional<VerifiedTokens.Verified> known = verified.find(id, keys.latest());
        if (known.isPresent()) {
            VerifiedTokens.Verified v = known.get();
            try {
                AccessTokenClaims.checkTimes(v.expires(), v.notBefore(), clock.instant());
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
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ALLOWED.contains(algorithm)) {
            throw new InvalidTokenException("the token's algorithm " + algorithm + " is not accepted");
        }
        // The issuer is checked before any key is fetched, so a token from elsewhere never makes
        // the broker call out.
        if (!issuer.toString().equals(claims.getIssuer())) {
            throw new InvalidTokenException("the token was issued by " + Quote.of(claims.getIssuer())
                    + ", not by " + issuer);
        }
        IssuerKeys.Use use = new IssuerKeys.Use();
        process(jwt, use);
        Caller caller = callers.caller(claims);
        verified.remember(id, new VerifiedTokens.Verified(caller, claims.getExpirationTime().toInstant(),
                AccessTokenClaims.notBefore(claims), use.keys()), clock.instant());
        return caller;
    }

    /** Signature, then claims, through Nimbus; each failure in the words clients have always seen. */
    private void process(SignedJWT jwt, IssuerKeys.Use use) throws InvalidTokenException {
        String kid = jwt.getHeader().getKeyID();
        try {
            processor.process(jwt, use);
        } catch (BadJWTException e) {
            throw new InvalidTokenException(e.getMessage());
        } catch (BadJWSException e) {
            throw new InvalidTokenException("the token's signature does not verify");
        } catch (BadJOSEException e) {
            // No key for the header's key id and algorithm, even after fetching the key set again.
            throw new InvalidTokenException("the token's key id " + Quote.of(kid) + " is not among the issuer's keys");
        } catch (KeySourceException e) {
            throw new IdentityProviderUnavailableException(e.getMessage(), e);
        } catch (JOSEException e) {
            throw new InvalidTokenException("the token's signature cannot be checked with key " + Quote.of(kid));
        }
    }
}
