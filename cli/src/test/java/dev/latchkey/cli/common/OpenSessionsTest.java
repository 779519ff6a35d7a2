package dev.latchkey.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.Session;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link OpenSessions}: one session per broker, and asking which are open opens none. */
class OpenSessionsTest {

    private static final URI BROKER = URI.create("https://broker.example.com");

    @Test
    void askingWhetherASessionIsOpenOpensNoneAndEachBrokerGetsOne() {
        AtomicInteger made = new AtomicInteger();
        OpenSessions sessions = new OpenSessions(u -> {
            made.incrementAndGet();
            return Session.builder(u).credentialStore(new InMemoryCredentialStore()).build();
        });

        assertThat(sessions.ifOpen(BROKER)).isEmpty();
        assertThat(made).hasValue(0);
        Session session = sessions.apply(BROKER);

        assertThat(sessions.ifOpen(BROKER)).containsSame(session);
        assertThat(sessions.apply(BROKER)).isSameAs(session);
        assertThat(made).hasValue(1);
        assertThat(sessions.ifOpen(URI.create("https://other.example.com"))).isEmpty();
    }
}
