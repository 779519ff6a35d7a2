package dev.latchkey.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.core.Session;
import dev.latchkey.core.approval.ConfirmScopes;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.internal.brokerapi.BrokerClients;
import dev.latchkey.core.internal.session.SessionVault;
import dev.latchkey.core.keychain.CountingKeychain;
import dev.latchkey.testsupport.MutableClock;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent reads its token from the keychain and the broker's scopes listing ahead of need, on a
 * thread of its own: a call never waits for those reads, and a session that ended behind the agent's
 * back is still seen within {@link HeldToken#RECHECK}, with the refresher and without it. Real broker
 * and dev IdP; the keychain is held in memory so that a test can stop its reads.
 */
class AgentRefresherTest {

    @TempDir
    Path dir;
    private RunningBroker broker;
    private final RefresherGate store = new RefresherGate();
    private Session session;

    @BeforeEach
    void signedIn() throws Exception {
        broker = LatchkeyBroker.start(BrokerConfig.dev());
        session = Session.builder(broker.url()).credentialStore(store.keychain).lockDirectory(dir).build();
        session.signIn(p -> DevSignIn.approve(broker.url(), p.userCode(), "ada"));
    }

    @AfterEach
    void stop() {
        store.open();
        broker.close();
    }

    @Test
    void aCallTakesTheHeldTokenAndListingWhileTheRefresherWaitsForTheKeychain() throws Exception {
        HeldToken token = new HeldToken(session, Clock.systemUTC());
        ConfirmScopes scopes = new ConfirmScopes(BrokerClients.create(broker.url(), token), Set::of, Clock.systemUTC());
        String held = token.get();
        assertThat(scopes.among(Set.of("payments/dev"))).isEmpty();
        int before = store.reads();

        try (AgentRefresher refresher = AgentRefresher.start(token, scopes, Clock.systemUTC())) {
            refresher.used();
            store.stopRefresherReads();
            boolean looked = store.refresherWaits.await(AgentRefresher.EVERY.plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(looked).as("the refresher looked at the keychain by itself").isTrue();

            // The refresher is inside a keychain read that does not return: a call is not held up by it.
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                assertThat(token.get()).isEqualTo(held);
                assertThat(scopes.among(Set.of("payments/dev"))).isEmpty();
            });
            assertThat(store.reads()).as("only the refresher read the keychain").isEqualTo(before + 1);
        } finally {
            store.open();
        }
    }

    @Test
    void aSessionEndedBehindTheAgentsBackIsSeenByTheRefresherWithinTheRecheck() throws Exception {
        HeldToken token = new HeldToken(session, Clock.systemUTC());
        ConfirmScopes scopes = new ConfirmScopes(BrokerClients.create(broker.url(), token), Set::of, Clock.systemUTC());
        token.get();
        try (AgentRefresher refresher = AgentRefresher.start(token, scopes, Clock.systemUTC())) {
            refresher.used();
            Instant ended = Instant.now();
            new SessionVault(store.keychain, broker.url(), Clock.systemUTC()).clear();

            await().atMost(HeldToken.RECHECK).pollInterval(Duration.ofMillis(100))
                    .until(() -> token.expiresAt().equals(Instant.MIN));
            assertThat(Duration.between(ended, Instant.now())).as("seen by the refresher's own look")
                    .isLessThanOrEqualTo(AgentRefresher.EVERY.plusSeconds(2));
            assertThatThrownBy(token::get).isInstanceOf(NotSignedInException.class);
        }
    }

    @Test
    void withoutTheRefresherACallStillReadsTheKeychainOnceTheRecheckHasPassed() throws Exception {
        MutableClock clock = MutableClock.atNow();
        HeldToken token = new HeldToken(session, clock);
        String held = token.get();
        new SessionVault(store.keychain, broker.url(), Clock.systemUTC()).clear();

        clock.advance(HeldToken.RECHECK.minusMillis(1));
        assertThat(token.get()).as("within the recheck the held token is served without a read").isEqualTo(held);
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(token::get).isInstanceOf(NotSignedInException.class);
    }

    @Test
    void anIdleAgentDoesNotLook() throws Exception {
        HeldToken token = new HeldToken(session, Clock.systemUTC());
        ConfirmScopes scopes = new ConfirmScopes(BrokerClients.create(broker.url(), token), Set::of, Clock.systemUTC());
        token.get();
        int before = store.reads();
        try (var _ = AgentRefresher.start(token, scopes, Clock.systemUTC())) {
            Thread.sleep(AgentRefresher.EVERY.plusSeconds(1).toMillis());
            assertThat(store.reads()).as("no call was served, so nothing was read").isEqualTo(before);
        }
    }

    /** The keychain in memory, whose reads by the agent's refresher thread can be made to wait. */
    private static final class RefresherGate {
        final CountingKeychain keychain = new CountingKeychain();
        final CountDownLatch refresherWaits = new CountDownLatch(1);
        private volatile CountDownLatch gate = new CountDownLatch(0);

        RefresherGate() {
            keychain.onRead(key -> {
                if (Thread.currentThread().getName().equals("latchkey-agent-refresh") && gate.getCount() > 0) {
                    refresherWaits.countDown();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }

        void stopRefresherReads() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        int reads() {
            return keychain.reads();
        }
    }
}
