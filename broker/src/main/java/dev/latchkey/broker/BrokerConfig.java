package dev.latchkey.broker;

/**
 * How a broker is started.
 *
 * @param host address to bind; loopback unless an operator says otherwise
 * @param port TCP port, 0 for any free one
 * @param devMode development mode: in-memory store, seeded demo organisation, built-in IdP
 */
public record BrokerConfig(String host, int port, boolean devMode) {

    /** A development broker on a free loopback port: what the app's demo and tests use. */
    public static BrokerConfig dev() {
        return new BrokerConfig("127.0.0.1", 0, true);
    }
}
