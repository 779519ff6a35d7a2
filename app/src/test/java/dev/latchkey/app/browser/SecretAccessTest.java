package dev.latchkey.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Access to one secret, decided per grant at an instant. */
class SecretAccessTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final Scope PROD = new Scope("payments/prod", Scope.Access.GRANTED,
            Optional.of(T0.plus(Duration.ofMinutes(30))), Optional.empty());

    private static Grant grant(String id, List<String> secrets, Duration from, Duration to, Grant.State state) {
        return new Grant(id, "r_" + id, "ada", "payments/prod", secrets, Optional.of(T0.plus(from)), T0.plus(to), state,
                Optional.empty(), Optional.empty());
    }

    @Test
    void aScheduledExtensionCarriesTheEndOnAndAnotherSecretsGrantGivesNothing() {
        List<Grant> grants = List.of(
                grant("g_stripe", List.of("stripe-api-key"), Duration.ZERO, Duration.ofMinutes(30), Grant.State.ACTIVE),
                grant("g_db2", List.of("db-url"), Duration.ofMinutes(6), Duration.ofMinutes(26), Grant.State.SCHEDULED),
                grant("g_db3", List.of("db-url"), Duration.ofMinutes(26), Duration.ofMinutes(40), Grant.State.SCHEDULED),
                grant("g_db", List.of("db-url"), Duration.ZERO, Duration.ofMinutes(6), Grant.State.ACTIVE));
        assertThat(SecretAccess.of(PROD, "db-url", grants, T0)).isInstanceOfSatisfying(SecretAccess.Granted.class, g -> {
            assertThat(g.grant().id()).isEqualTo("g_db");
            assertThat(g.until()).isEqualTo(T0.plus(Duration.ofMinutes(40)));
        });
        assertThat(SecretAccess.of(PROD, "db-url", grants, T0.plus(Duration.ofMinutes(10))))
                .isInstanceOfSatisfying(SecretAccess.Granted.class, g -> assertThat(g.grant().id()).isEqualTo("g_db2"));
        assertThat(SecretAccess.of(PROD, "pagerduty-routing-key", grants, T0).whyNot())
                .contains("does not cover pagerduty-routing-key");
    }

    @Test
    void standingNeedsNoGrantAndWithoutOneTheScopeSaysWhatIsPossible() {
        Scope dev = new Scope("payments/dev", Scope.Access.STANDING, Optional.empty(), Optional.empty());
        assertThat(SecretAccess.of(dev, "db-url", List.of(), T0).text(ZoneOffset.UTC)).isEqualTo("standing");
        Scope requestable = new Scope("payments/prod", Scope.Access.REQUESTABLE, Optional.empty(),
                Optional.of(Duration.ofHours(1)));
        assertThat(SecretAccess.of(requestable, "db-url", List.of(), T0)).isInstanceOf(SecretAccess.Requestable.class);
        Scope none = new Scope("billing/prod", Scope.Access.NONE, Optional.empty(), Optional.empty());
        assertThat(SecretAccess.of(none, "key", List.of(), T0).readable()).isFalse();
        Grant ended = grant("g_old", List.of(), Duration.ofHours(-2), Duration.ofHours(-1), Grant.State.ENDED);
        assertThat(SecretAccess.of(requestable, "db-url", List.of(ended), T0).readable()).isFalse();
    }
}
