package dev.latchkey.testsupport.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One more sign-in on Keycloak's exact words for the consent race, and on nothing else. */
class KeycloakConsentRaceTest {

    private static final String RACE = "sign-in refused by the IdP: invalid_scope (\"" + KeycloakConsentRace.WORDS + "\")";

    @Test
    void theRaceIsSignedInOnceMore() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        String user = KeycloakConsentRace.signIn(() -> {
            if (tries.incrementAndGet() == 1) {
                throw new IllegalStateException(RACE);
            }
            return "grace";
        });
        assertThat(user).isEqualTo("grace");
        assertThat(tries).hasValue(2);
    }

    @Test
    void onlyOnce() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> KeycloakConsentRace.signIn(() -> {
            tries.incrementAndGet();
            throw new IllegalStateException(RACE);
        })).hasMessage(RACE);
        assertThat(tries).hasValue(2);
    }

    @Test
    void anyOtherRefusalFailsAtOnce() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> KeycloakConsentRace.signIn(() -> {
            tries.incrementAndGet();
            throw new IllegalStateException("sign-in refused by the IdP: invalid_scope (\"Invalid scopes: openid groups\")");
        })).hasMessageContaining("Invalid scopes");
        assertThat(tries).hasValue(1);
    }
}
