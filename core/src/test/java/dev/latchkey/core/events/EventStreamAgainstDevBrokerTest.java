package dev.latchkey.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.AccessRequestForm;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event stream client against the real dev broker's {@code /v1/events}, ada and grace signed in. */
class EventStreamAgainstDevBrokerTest {

    @TempDir
    Path locks;

    RunningBroker broker;
    Session ada;
    Session grace;

    @BeforeEach
    void startBrokerAndSignIn() throws Exception {
        broker = LatchkeyBroker.start(BrokerConfig.dev().withDevPollInterval(Duration.ofSeconds(1)));
        ada = signIn("ada");
        grace = signIn("grace");
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private Session signIn(String user) throws Exception {
        Session s = Session.builder(broker.url()).credentialStore(new InMemoryCredentialStore())
                .lockDirectory(locks.resolve(user)).build();
        s.signIn(p -> DevSignIn.approve(broker.url(), p.userCode(), user));
        return s;
    }

    @Test
    void connectsAndClosesPromptly() {
        EventStreamTest.Heard heard = new EventStreamTest.Heard();
        EventStream.Subscription s = new EventStream(broker.url(), ada.bearerToken()).subscribe(OptionalLong.empty(), heard);
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.states.contains(new StreamState.Connected(OptionalLong.empty())));
        long start = System.nanoTime();
        s.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(heard.states).noneMatch(st -> st instanceof StreamState.Stopped);
    }

    @Test
    void theLongPollFormDeliversTheSameEvents() throws Exception {
        EventStreamTest.Heard toGrace = new EventStreamTest.Heard();
        try (EventStream.Subscription s = new EventStream(broker.url(), grace.bearerToken(), EventStream.FIRST_RETRY,
                EventStream.Transport.LONG_POLL).subscribe(OptionalLong.empty(), toGrace)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !toGrace.states.isEmpty());
            assertThat(toGrace.states.getFirst()).isInstanceOf(StreamState.Connected.class);
            AccessRequest r = Latchkey.brokerClient(broker.url(), ada.bearerToken()).requestAccess(
                    AccessRequestForm.of("payments/prod", Duration.ofMinutes(30), "PAY-123 prod hotfix"));
            await().atMost(Duration.ofSeconds(10)).until(() -> toGrace.events.stream().anyMatch(e ->
                    e instanceof BrokerEvent.RequestCreated c && c.requestId().equals(r.id())));
            assertThat(s.lastEventId()).isPresent();
        }
    }

    @Test
    void reviewersHearOfRequestsRequestersOfDecisionsAndAReconnectReplaysWhatWasMissed() throws Exception {
        // Built as the app and the CLI build them: through core's facade.
        BrokerClient adaClient = ada.brokerClient();
        BrokerClient graceClient = grace.brokerClient();
        EventStreamTest.Heard toGrace = new EventStreamTest.Heard();
        EventStreamTest.Heard toAda = new EventStreamTest.Heard();
        EventStream.Subscription graceStream = Latchkey.events(graceClient).subscribe(OptionalLong.empty(), toGrace);
        EventStream.Subscription adaStream = Latchkey.events(adaClient).subscribe(OptionalLong.empty(), toAda);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !toGrace.states.isEmpty() && !toAda.states.isEmpty());
            AccessRequest r = adaClient.requestAccess(AccessRequestForm.of("payments/prod", Duration.ofMinutes(30),
                    "PAY-123 prod hotfix"));
            await().atMost(Duration.ofSeconds(10)).until(() -> toGrace.events.stream().anyMatch(e ->
                    e instanceof BrokerEvent.RequestCreated c && c.requestId().equals(r.id()) && c.requester().equals("ada")));
            assertThat(toAda.events).noneMatch(e -> e instanceof BrokerEvent.RequestCreated);

            graceClient.approve(r.id(), "ok");
            await().atMost(Duration.ofSeconds(10)).until(() -> toAda.events.stream().anyMatch(e ->
                    e instanceof BrokerEvent.RequestDecided d && d.requestId().equals(r.id())
                            && d.state() == AccessRequest.State.APPROVED && d.grantId().isPresent()));
        } finally {
            adaStream.close();
        }
        // Grace misses a request while disconnected; resuming after her last id replays it.
        OptionalLong last = graceStream.lastEventId();
        graceStream.close();
        // After the approved half hour: a person's grants never overlap.
        AccessRequest missed = adaClient.requestAccess(new AccessRequestForm("payments/prod", List.of(),
                "PAY-124 second hotfix", Duration.ofMinutes(20), Optional.of(Instant.now().plus(Duration.ofMinutes(31)))));
        EventStreamTest.Heard resumed = new EventStreamTest.Heard();
        try (EventStream.Subscription again = Latchkey.events(graceClient).subscribe(last, resumed)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events.stream().anyMatch(e ->
                    e instanceof BrokerEvent.RequestCreated c && c.requestId().equals(missed.id())));
            assertThat(again.lastEventId().getAsLong()).isGreaterThan(last.getAsLong());
        }
    }
}
