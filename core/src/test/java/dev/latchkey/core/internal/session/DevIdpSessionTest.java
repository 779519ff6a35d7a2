package dev.latchkey.core.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import dev.latchkey.core.SignInListener;
import dev.latchkey.core.auth.DeviceCodePrompt;
import dev.latchkey.core.auth.IdpUnreachableException;
import dev.latchkey.core.auth.SignInCancelledException;
import dev.latchkey.core.auth.SignInDeniedException;
import dev.latchkey.core.auth.SignInExpiredException;
import dev.latchkey.core.auth.SignInRequiredException;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.MutableClock;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole session lifecycle against the broker's development IdP over loopback HTTP. */
class DevIdpSessionTest {

    private final MutableClock clock = MutableClock.atNow();
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();
    private final AtomicInteger polls = new AtomicInteger();
    private RunningBroker broker;
    @TempDir
    Path locks;

    @BeforeEach
    void startBroker() {
        broker = LatchkeyBroker.start(BrokerConfig.dev().withClock(clock)
                .withDevTokenTtl(Duration.ofMinutes(5)).withDevDeviceCodeTtl(Duration.ofMinutes(2))
                .withDevPollInterval(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private Session session() {
        return Session.builder(broker.url()).credentialStore(store).clock(clock).lockDirectory(locks)
                .pause(d -> {
                    polls.incrementAndGet();
                    clock.advance(d);
                })
                .build();
    }

    private static SignInListener listener(Consumer<DeviceCodePrompt> onCode) {
        return onCode::accept;
    }

    @Test
    void signingInStoresWhoSignedInAndAnAccessTokenTheBrokerAccepts() throws Exception {
        Session session = session();
        List<DeviceCodePrompt> shown = new ArrayList<>();
        User user = session.signIn(listener(p -> {
            shown.add(p);
            DevSignIn.approve(broker.url(), p.userCode(), "grace");
        }));

        assertThat(user.name()).isEqualTo("Grace Hopper");
        assertThat(user.email()).isEqualTo("grace@example.com");
        assertThat(user.groups()).contains("payments-dev", "payments-leads");
        assertThat(shown).singleElement().satisfies(p -> {
            assertThat(p.verificationUri().toString()).startsWith(broker.url() + "/dev-idp/device");
            assertThat(p.linkToOpen().toString()).contains(p.userCode());
        });
        assertThat(session.currentUser()).contains(user);
        assertThat(session.storageMode()).isInstanceOf(StorageMode.MemoryOnly.class);
        String token = session.accessToken();
        assertThat(session.brokerClient().me().subject())
                .isEqualTo(user.subject());
        assertThat(session.accessToken()).as("a valid token is reused, not refreshed").isEqualTo(token);
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndTheRotatedRefreshTokenReplacesTheOld() throws Exception {
        Session session = session();
        User user = session.signIn(listener(p -> DevSignIn.approve(broker.url(), p.userCode(), "ada")));
        String firstAccess = session.accessToken();
        String firstRefresh = store.read(CredentialKey.of(broker.url(), user.subject(), "refresh-token")).orElseThrow();

        clock.advance(Duration.ofMinutes(6));
        String secondAccess = session.accessToken();

        String secondRefresh = store.read(CredentialKey.of(broker.url(), user.subject(), "refresh-token")).orElseThrow();
        assertThat(secondAccess).isNotEqualTo(firstAccess);
        assertThat(secondRefresh).as("the IdP rotates refresh tokens").isNotEqualTo(firstRefresh);
        assertThat(session.brokerClient().me().subject())
                .isEqualTo(user.subject());
    }

    @Test
    void aRefreshTheIdpRefusesEndsTheSessionAndSaysToSignInAgain() throws Exception {
        Session session = session();
        User user = session.signIn(listener(p -> DevSignIn.approve(broker.url(), p.userCode(), "ada")));
        CredentialKey refreshKey = CredentialKey.of(broker.url(), user.subject(), "refresh-token");
        String old = store.read(refreshKey).orElseThrow();
        clock.advance(Duration.ofMinutes(6));
        session.accessToken();
        // Put the retired token back, as a stale copy would: the IdP sees a replay.
        store.write(refreshKey, old);
        clock.advance(Duration.ofMinutes(6));

        assertThatThrownBy(session::accessToken).isInstanceOf(SignInRequiredException.class)
                .hasMessageContaining("sign in again").hasMessageNotContaining(old);
        assertThat(session.currentUser()).isEmpty();
    }

    @Test
    void anIdpThatDoesNotAnswerDuringARefreshIsNotAnEndedSession() throws Exception {
        Session session = session();
        User user = session.signIn(listener(p -> DevSignIn.approve(broker.url(), p.userCode(), "ada")));
        clock.advance(Duration.ofMinutes(6));
        broker.close();

        assertThatThrownBy(() -> session.bearerToken().get()).isInstanceOfSatisfying(NotSignedInException.class, e -> {
            assertThat(e.getCause()).isInstanceOf(IdpUnreachableException.class);
            assertThat(e.transientCause()).as("try again later, not sign in again").isTrue();
        });
        assertThat(session.currentUser()).contains(user);
    }

    @Test
    void aDeclinedSignInEndsWithItsOwnOutcome() {
        Session session = session();
        assertThatThrownBy(() -> session.signIn(listener(p -> DevSignIn.deny(broker.url(), p.userCode()))))
                .isInstanceOf(SignInDeniedException.class).hasMessageContaining("declined");
    }

    @Test
    void aCodeNobodyApprovesExpiresAtTheIdpsWord() throws Exception {
        Session session = session();
        assertThatThrownBy(() -> session.signIn(listener(p -> { })))
                .isInstanceOf(SignInExpiredException.class).hasMessageContaining("expired");
        // Two minutes at five seconds a poll: about 24 polls, and no sleeping at all.
        assertThat(polls.get()).isBetween(20, 40);
        assertThat(session.currentUser()).isEmpty();
    }

    @Test
    void theCallerCanCancelWhileThePersonHasNotAnswered() throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        Session session = Session.builder(broker.url()).credentialStore(store).clock(clock).lockDirectory(locks).build();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<User> signIn = thread.submit(() -> session.signIn(listener(p -> shown.countDown())));
            shown.await();
            session.cancelSignIn();
            assertThatThrownBy(signIn::get).hasCauseInstanceOf(SignInCancelledException.class);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void signingOutRevokesAtTheIdpAndLeavesNothingInTheStore() throws Exception {
        Session session = session();
        User user = session.signIn(listener(p -> DevSignIn.approve(broker.url(), p.userCode(), "ada")));
        String refresh = store.read(CredentialKey.of(broker.url(), user.subject(), "refresh-token")).orElseThrow();

        assertThat(session.signOut()).as("the dev IdP confirms revocation").isTrue();
        assertThat(store.size()).isZero();
        assertThat(session.currentUser()).isEmpty();
        assertThatThrownBy(session::accessToken).isInstanceOf(SignInRequiredException.class)
                .hasMessageContaining("not signed in");
        // The revoked token no longer works at the IdP.
        Session stale = session();
        store.write(new CredentialKey(CredentialKey.serviceOf(broker.url()), "current-user"), user.subject());
        store.write(CredentialKey.of(broker.url(), user.subject(), "user"),
                "{\"subject\":\"" + user.subject() + "\",\"name\":\"x\",\"email\":\"\",\"groups\":[]}");
        store.write(CredentialKey.of(broker.url(), user.subject(), "refresh-token"), refresh);
        assertThatThrownBy(stale::accessToken).isInstanceOf(SignInRequiredException.class);
    }

    @Test
    void twentyThreadsWithAnExpiredTokenCauseExactlyOneRefresh() throws Exception {
        Session first = session();
        first.signIn(listener(p -> DevSignIn.approve(broker.url(), p.userCode(), "ada")));
        String before = first.accessToken();
        clock.advance(Duration.ofMinutes(6));

        int n = 20;
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Session each = session(); // a session per thread, as separate surfaces would have
                Callable<String> ask = () -> {
                    go.await();
                    return each.accessToken();
                };
                results.add(threads.submit(ask));
            }
            go.countDown();
            Set<String> tokens = new HashSet<>();
            for (Future<String> f : results) {
                tokens.add(f.get());
            }
            // Every refresh mints a distinct access token, so one distinct token means one refresh;
            // with rotation, a second refresh would also have replayed a retired token.
            assertThat(tokens).hasSize(1).doesNotContain(before);
            assertThat(Latchkey.brokerClient(broker.url(), first.bearerToken()).me())
                    .isNotNull();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aLocalClockAnHourAheadOfTheIdpNeitherShortensTheCodeNorTheToken() throws Exception {
        // Expiry is counted from the IdP's relative lifetimes (expires_in), never by comparing the
        // IdP's clock with ours, so a machine whose clock is off still signs in and refreshes normally.
        Clock ahead = Clock.offset(clock, Duration.ofHours(1));
        Session session = Session.builder(broker.url()).credentialStore(store).clock(ahead).lockDirectory(locks)
                .pause(d -> clock.advance(d)).build();
        User user = session.signIn(listener(p -> {
            assertThat(p.expiresAt()).isEqualTo(ahead.instant().plus(Duration.ofMinutes(2)));
            DevSignIn.approve(broker.url(), p.userCode(), "ada");
        }));
        String first = session.accessToken();
        assertThat(session.accessTokenExpiry()).hasValueSatisfying(
                t -> assertThat(t).isAfter(ahead.instant().plus(Duration.ofMinutes(4))));
        clock.advance(Duration.ofMinutes(6));
        assertThat(session.accessToken()).isNotEqualTo(first);
        assertThat(session.currentUser()).contains(user);
    }

    @Test
    void aBrokerUrlOverPlainHttpOffThisMachineIsRefused() {
        assertThatThrownBy(() -> Session.builder(URI.create("http://broker.example.com")).credentialStore(store).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }
}
