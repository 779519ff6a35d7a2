package dev.latchkey.app.demo;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import java.net.URI;

/**
 * The broker the app embeds for "Try the demo": development mode on a free loopback port.
 * The only place in the app that touches broker classes; everything else reaches it over HTTP.
 */
public final class DemoBroker implements AutoCloseable {

    private final RunningBroker broker;

    private DemoBroker(RunningBroker broker) {
        this.broker = broker;
    }

    public static DemoBroker start() {
        return new DemoBroker(LatchkeyBroker.start(BrokerConfig.dev()));
    }

    public URI url() {
        return broker.url();
    }

    @Override
    public void close() {
        broker.close();
    }
}
