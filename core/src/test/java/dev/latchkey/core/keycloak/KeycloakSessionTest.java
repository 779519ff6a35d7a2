package dev.latchkey.core.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.Session;
import dev.latchkey.core.SignInListener;
import dev.latchkey.core.auth.SignInDeniedException;
import dev.latchkey.core.auth.SignInExpiredException;
import dev.latchkey.core.auth.SignInRequiredException;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.testsupport.MutableClock;
import dev.latchkey.testsupport.keycloak.KeycloakAdmin;
import dev.latchkey.testsupport.keycloak.KeycloakBrowser;
import dev.latchkey.testsupport.keycloak.KeycloakConsentRace;
import dev.latchkey.testsupport.keycloak.KeycloakExtension;
import dev.latchkey.testsupport.keycloak.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, refresh, rotation, denial and expiry against a real Keycloak on loopback. */
@ExtendWith(KeycloakExtension.class)
class KeycloakSessionTest {

    private static final String SCOPES = "openid profile email";
    private final MutableClock clock = MutableClock.atNow();
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();
    @TempDir
    Path locks;

    private Session session(WellKnownServer broker) {
        return Session.builder(broker.url()).credentialStore(store).clock(clock).lockDirectory(locks)
                .callTimeout(Duration.ofSeconds(20)).build();
    }

    private static SignInListener browserSaying(String user, boolean consent) {
        return prompt -> {
            try {
                new KeycloakBrowser().signIn(prompt.linkToOpen(), user, user + "-test-password", consent);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Test
    void deviceSignInRefreshAndRotation(KeycloakServer keycloak) throws Exception {
        try (WellKnownServer broker = new WellKnownServer(keycloak.issuer(), "latchkey", SCOPES)) {
            Session session = session(broker);
            User user = KeycloakConsentRace.signIn(() -> session.signIn(browserSaying("grace", true)));

            assertThat(user.name()).isEqualTo("Grace Hopper");
            assertThat(user.email()).isEqualTo("grace@example.com");
            assertThat(user.groups()).containsExactlyInAnyOrder("payments-dev", "payments-leads");
            String firstAccess = session.accessToken();
            CredentialKey refreshKey = CredentialKey.of(broker.url(), user.subject(), "refresh-token");
            String firstRefresh = store.read(refreshKey).orElseThrow();

            clock.advance(Duration.ofMinutes(6)); // past the realm's 5-minute access tokens, by our clock
            String secondAccess = session.accessToken();
            String secondRefresh = store.read(refreshKey).orElseThrow();
            assertThat(secondAccess).isNotEqualTo(firstAccess);
            assertThat(secondRefresh).as("Keycloak rotates refresh tokens").isNotEqualTo(firstRefresh);

            // Replaying the retired refresh token: Keycloak refuses it (revokeRefreshToken) and the session ends.
            store.write(refreshKey, firstRefresh);
            clock.advance(Duration.ofMinutes(6));
            assertThatThrownBy(session::accessToken).isInstanceOf(SignInRequiredException.class)
                    .hasMessageContaining("sign in again").hasMessageNotContaining(firstRefresh);
        }
    }

    @Test
    void declinedConsentIsAccessDenied(KeycloakServer keycloak) throws Exception {
        try (WellKnownServer broker = new WellKnownServer(keycloak.issuer(), "latchkey", SCOPES)) {
            Session session = session(broker);
            assertThatThrownBy(() -> session.signIn(browserSaying("ada", false)))
                    .isInstanceOf(SignInDeniedException.class);
        }
    }

    @Test
    void aCodeNobodyApprovesIsExpiredToken(KeycloakServer keycloak) throws Exception {
        try (WellKnownServer broker = new WellKnownServer(keycloak.issuer(), "latchkey-short-code", SCOPES)) {
            // The client's codes live 3 s; the real pause keeps our clock out of it, so the
            // verdict is Keycloak's expired_token, not our deadline.
            Session session = Session.builder(broker.url()).credentialStore(store).lockDirectory(locks)
                    .callTimeout(Duration.ofSeconds(20)).build();
            assertThatThrownBy(() -> session.signIn(prompt -> { }))
                    .isInstanceOf(SignInExpiredException.class).hasMessageContaining("expired");
        }
    }

    @Test
    void twentySessionsAskingAtOnceWithAnExpiredTokenMakeExactlyOneRefreshAtKeycloak(KeycloakServer keycloak)
            throws Exception {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak);
        try (WellKnownServer broker = new WellKnownServer(keycloak.issuer(), "latchkey", SCOPES)) {
            Session first = session(broker);
            KeycloakConsentRace.signIn(() -> first.signIn(browserSaying("ada", true)));
            String before = first.accessToken();
            clock.advance(Duration.ofMinutes(6));
            int refreshesBefore = admin.refreshes();

            int n = 20;
            ExecutorService threads = Executors.newFixedThreadPool(n);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Session each = session(broker);
                    results.add(threads.submit(() -> {
                        go.await();
                        return each.accessToken();
                    }));
                }
                go.countDown();
                Set<String> tokens = new HashSet<>();
                for (Future<String> f : results) {
                    tokens.add(f.get());
                }
                assertThat(tokens).hasSize(1).doesNotContain(before);
            } finally {
                threads.shutdownNow();
            }
            assertThat(admin.refreshes() - refreshesBefore).as("refresh grants Keycloak served").isEqualTo(1);
        }
    }
}
