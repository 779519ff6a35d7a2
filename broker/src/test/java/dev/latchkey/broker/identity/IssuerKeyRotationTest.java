package dev.latchkey.broker.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import dev.latchkey.broker.testing.TestIssuer;
import dev.latchkey.testsupport.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The validator's key set against a real issuer on a loopback port, which counts every fetch of its
 * JWKS: a rotated key costs one fetch, a storm of made-up key ids costs at most two per refresh
 * interval, the cache lives for its time to live, and an issuer that cannot be reached is a typed
 * error, not a refused token.
 */
class IssuerKeyRotationTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private TestIssuer issuer;
    private TokenValidator validator;

    @BeforeEach
    void start() throws IOException {
        issuer = new TestIssuer(clock);
        validator = new TokenValidator(issuer.issuer(), "latchkey", "groups", clock, INTERVAL);
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void anUnknownKeyIdCostsOneFetchThenTheRotatedKeyIsAccepted() throws Exception {
        assertThat(validator.validate(issuer.token("ada", "payments-dev")).username()).isEqualTo("ada");
        assertThat(issuer.jwksFetches()).isEqualTo(1);
        clock.advance(INTERVAL.plusSeconds(1));

        RSAKey rotated = TestIssuer.newKey("key-2");
        issuer.publish(rotated);
        assertThat(validator.validate(issuer.token(rotated, b -> b, "grace", "payments-dev")).username())
                .isEqualTo("grace");
        assertThat(issuer.jwksFetches()).isEqualTo(2);

        // Known now: other tokens signed with it, and the old key's, cost no fetch.
        assertThat(validator.validate(issuer.token(rotated, b -> b, "linus", "payments-dev")).username())
                .isEqualTo("linus");
        assertThat(validator.validate(issuer.token("ken", "payments-dev")).username()).isEqualTo("ken");
        assertThat(issuer.jwksFetches()).isEqualTo(2);
    }

    @Test
    void aStormOfUnknownKeyIdsIsRateLimited() throws Exception {
        validator.validate(issuer.token("ada", "payments-dev"));
        clock.advance(INTERVAL.plusSeconds(1));
        int before = issuer.jwksFetches();

        for (int i = 0; i < 50; i++) {
            String forged = issuer.token(TestIssuer.newKey("made-up-" + i), b -> b, "ada", "payments-dev");
            assertThatThrownBy(() -> validator.validate(forged)).isInstanceOf(InvalidTokenException.class)
                    .hasMessageContaining("key id 'made-up-" + i + "' is not among the issuer's keys");
        }
        // Nimbus' limit: at most two fetches within one interval, however many tokens ask.
        assertThat(issuer.jwksFetches() - before).isBetween(1, 2);

        // Once the interval has passed, a key the issuer has since published is found with one fetch.
        int afterStorm = issuer.jwksFetches();
        RSAKey rotated = TestIssuer.newKey("key-2");
        issuer.publish(rotated);
        clock.advance(INTERVAL.plusSeconds(1));
        assertThat(validator.validate(issuer.token(rotated, b -> b, "grace", "payments-dev")).username())
                .isEqualTo("grace");
        assertThat(issuer.jwksFetches()).isEqualTo(afterStorm + 1);
    }

    @Test
    void theKeySetIsFetchedAgainWhenItsTimeToLiveHasPassed() throws Exception {
        validator.validate(issuer.token("ada", "payments-dev"));
        clock.advance(IssuerKeys.TIME_TO_LIVE.minusSeconds(1));
        validator.validate(issuer.token("grace", "payments-dev"));
        assertThat(issuer.jwksFetches()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        validator.validate(issuer.token("linus", "payments-dev"));
        assertThat(issuer.jwksFetches()).isEqualTo(2);
    }

    @Test
    void aTokenFromAnotherIssuerNeverMakesTheBrokerCallOut() {
        String elsewhere = issuer.token(issuer.signingKey(), b -> b.issuer("https://evil.example/realms/test"), "ada");
        assertThatThrownBy(() -> validator.validate(elsewhere)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("issued by 'https://evil.example/realms/test'");
        assertThat(issuer.jwksFetches()).isZero();
    }

    @Test
    void anIssuerThatCannotBeReachedIsATypedErrorWithoutTheToken() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        URI down = URI.create("http://127.0.0.1:" + closed + "/realms/down");
        TokenValidator unreachable = new TokenValidator(down, "latchkey", "groups", clock, INTERVAL);
        String token = issuer.token(issuer.signingKey(), b -> b.issuer(down.toString()), "ada", "payments-dev");

        assertThatThrownBy(() -> unreachable.validate(token)).isInstanceOf(IdentityProviderUnavailableException.class)
                .hasMessageContaining("cannot reach " + down + "/.well-known/openid-configuration")
                .message().doesNotContain(token.split("\\.")[2]);
    }
}
