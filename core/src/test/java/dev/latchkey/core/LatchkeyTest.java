package dev.latchkey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerInfo;
import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import dev.latchkey.core.brokerapi.NotSignedInException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The facade's broker entry points against the real dev broker (events: EventStreamAgainstDevBrokerTest). */
class LatchkeyTest {

    @Test
    void aProbeReadsTheWellKnownDocumentWithoutASignIn() throws Exception {
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            BrokerInfo info = Latchkey.probe(broker.url());
            assertThat(info.issuer()).startsWith(broker.url().toString());
        }
    }

    @Test
    void aProbeOfNothingListeningSaysTheBrokerCannotBeReached() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> Latchkey.probe(url))
                .isInstanceOf(BrokerUnreachableException.class)
                .hasMessageContaining("cannot reach the broker at " + url);
    }

    @Test
    void aClientCallsWithTheTokenItIsGivenAndRefusesAPlainHttpBrokerElsewhere() throws Exception {
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            BrokerClient client = Latchkey.brokerClient(broker.url(), () -> {
                throw new NotSignedInException("no token here");
            });
            assertThat(client.base()).isEqualTo(broker.url());
            assertThatThrownBy(client::me).isInstanceOf(NotSignedInException.class).hasMessageContaining("no token here");
        }
        assertThatThrownBy(() -> Latchkey.brokerClient(URI.create("http://broker.example.com"), () -> "t"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
