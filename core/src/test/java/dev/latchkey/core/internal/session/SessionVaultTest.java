package dev.latchkey.core.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.latchkey.core.auth.SessionStorageException;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.internal.auth.TokenSet;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.testsupport.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionVaultTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
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
    void signingInAsSomeoneElseKeepsTheEarlierAccountToSwitchBackTo() throws Exception {
        vault.saveSignIn(ada, tokens("at", "rt", ada));
        vault.putShortLived(ada, "sandbox:x", "v", clock.instant().plusSeconds(60));
        User grace = new User("grace-1", "Grace", "", List.of());
        vault.saveSignIn(grace, tokens("at2", "rt2", grace));

        assertThat(vault.read().orElseThrow().user()).isEqualTo(grace);
        assertThat(vault.accounts()).containsExactly(ada, grace);
        assertThat(vault.use("ada-1")).isTrue();
        StoredSession back = vault.read().orElseThrow();
        assertThat(back.user()).isEqualTo(ada);
        assertThat(back.refreshToken()).contains("rt");
        assertThat(vault.shortLived(ada, "sandbox:x")).contains("v");
        assertThat(vault.use("nobody")).isFalse();
    }

    @Test
    void signingOutEndsOnlyTheCurrentAccountAndTheLastOneLeavesNothing() throws Exception {
        User grace = new User("grace-1", "Grace", "", List.of());
        vault.saveSignIn(ada, tokens("at", "rt", ada));
        vault.saveSignIn(grace, tokens("at2", "rt2", grace));
        vault.clear();
        assertThat(vault.read()).isEmpty();
        assertThat(vault.accounts()).containsExactly(ada);
        assertThat(vault.use("ada-1")).isTrue();
        vault.clear();
        assertThat(vault.accounts()).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void twoLocalUsersSharingOneKeychainKeepTheirOwnSessions() throws Exception {
        URI broker = URI.create("https://broker.example.com");
        SessionVault adasDesk = new SessionVault(store, broker, clock, "ada-os");
        SessionVault gracesDesk = new SessionVault(store, broker, clock, "grace-os");
        User grace = new User("grace-1", "Grace", "", List.of());

        adasDesk.saveSignIn(ada, tokens("at", "rt", ada));
        gracesDesk.saveSignIn(grace, tokens("at2", "rt2", grace));

        assertThat(adasDesk.read().orElseThrow().user()).isEqualTo(ada);
        assertThat(adasDesk.read().orElseThrow().refreshToken()).contains("rt");
        assertThat(gracesDesk.read().orElseThrow().user()).isEqualTo(grace);
        assertThat(gracesDesk.accounts()).containsExactly(grace);
        gracesDesk.clear();
        assertThat(adasDesk.read().orElseThrow().refreshToken()).contains("rt");
    }

    @Test
    void aSessionAnEarlierLatchkeyStoredIsReadAndMovedToTheLocalUsersPointer() throws Exception {
        URI broker = URI.create("https://broker.example.com");
        String service = CredentialKey.serviceOf(broker);
        store.write(new CredentialKey(service, "current-user"), "ada-1");
        store.write(CredentialKey.of(broker, "ada-1", "user"),
                "{\"subject\":\"ada-1\",\"name\":\"Ada\",\"email\":\"ada@example.com\",\"groups\":[\"payments-dev\"]}");
        store.write(CredentialKey.of(broker, "ada-1", "refresh-token"), "rt-old");

        SessionVault upgraded = new SessionVault(store, broker, clock, "ada-os");
        StoredSession s = upgraded.read().orElseThrow();

        assertThat(s.user()).isEqualTo(ada);
        assertThat(s.refreshToken()).contains("rt-old");
        assertThat(store.read(new CredentialKey(service, "current-user"))).isEmpty();
        assertThat(store.read(new CredentialKey(service, "current-user/ada-os"))).contains("ada-1");
        assertThat(upgraded.accounts()).containsExactly(ada);
    }

    @Test
    void aSessionReadsBackAsItWasStoredAndAnEntryOfTheWrongShapeSaysSignInAgainWithoutItsText() throws Exception {
        vault.saveSignIn(ada, tokens("at-9f2", "rt", ada));
        StoredSession s = vault.read().orElseThrow();
        assertThat(s.user()).isEqualTo(ada);
        assertThat(s.accessToken()).contains("at-9f2");
        assertThat(s.accessExpiresAt()).isEqualTo(clock.instant().plusSeconds(300));

        URI broker = URI.create("https://broker.example.com");
        for (String[] broken : new String[][] {
                {"user", "{\"subject\":\"ada-1\",\"name\":[\"at-9f2\"]}"},
                {"user", "at-9f2"},
                {"access-token", "{\"token\":\"at-9f2\""}}) {
            vault.saveSignIn(ada, tokens("at-9f2", "rt", ada));
            store.write(CredentialKey.of(broker, "ada-1", broken[0]), broken[1]);
            assertThat(catchThrowable(vault::read)).as(broken[1])
                    .isInstanceOf(SessionStorageException.class)
                    .hasMessageContaining("sign out and sign in again").hasMessageNotContaining("at-9f2")
                    .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain("at-9f2"));
        }
        vault.saveSignIn(ada, tokens("at-9f2", "rt", ada));
        store.write(CredentialKey.of(broker, "ada-1", "access-token"), "{\"token\":7,\"expiresAt\":\"soon\"}");
        assertThat(vault.read().orElseThrow().accessToken()).as("a token that is not text is none").isEmpty();
    }

    private TokenSet tokens(String access, String refresh, User user) {
        return new TokenSet(access, clock.instant().plusSeconds(300), Optional.of(refresh), Optional.of(user));
    }
}
