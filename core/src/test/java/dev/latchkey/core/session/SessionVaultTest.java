package dev.latchkey.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.auth.TokenSet;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionVaultTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T09:00:00Z"));
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();
    private final SessionVault vault = new SessionVault(store, URI.create("https://broker.example.com"), clock);
    private final User ada = new User("ada-1", "Ada", "ada@example.com", List.of("payments-dev"));

    @Test
    void shortLivedCredentialsAreDroppedOnReadOnceExpired() throws Exception {
        vault.saveSignIn(ada, new TokenSet("at", clock.instant().plusSeconds(300), Optional.of("rt"), Optional.of(ada)));
        vault.putShortLived(ada, "sandbox:payments-dev", "sbx-token", clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(vault.shortLived(ada, "sandbox:payments-dev")).contains("sbx-token");
        clock.advance(Duration.ofMinutes(11));
        assertThat(vault.shortLived(ada, "sandbox:payments-dev")).isEmpty();
    }

    @Test
    void anExpiredAccessTokenIsNotHandedOutButTheSessionRemains() throws Exception {
        vault.saveSignIn(ada, new TokenSet("at", clock.instant().plusSeconds(300), Optional.of("rt"), Optional.of(ada)));
        clock.advance(Duration.ofMinutes(6));
        StoredSession s = vault.read().orElseThrow();
        assertThat(s.accessToken()).isEmpty();
        assertThat(s.refreshToken()).contains("rt");
        assertThat(s.toString()).doesNotContain("rt\"").doesNotContain("=rt");
    }

    @Test
    void signingInAsSomeoneElseRemovesTheEarlierUsersEntriesAndClearLeavesNothing() throws Exception {
        vault.saveSignIn(ada, new TokenSet("at", clock.instant().plusSeconds(300), Optional.of("rt"), Optional.of(ada)));
        vault.putShortLived(ada, "sandbox:x", "v", clock.instant().plusSeconds(60));
        User grace = new User("grace-1", "Grace", "", List.of());
        vault.saveSignIn(grace, new TokenSet("at2", clock.instant().plusSeconds(300), Optional.of("rt2"), Optional.of(grace)));
        assertThat(store.size()).isEqualTo(4); // pointer, grace's refresh, access, user
        assertThat(vault.read().orElseThrow().user()).isEqualTo(grace);
        vault.clear();
        assertThat(store.size()).isZero();
    }
}
