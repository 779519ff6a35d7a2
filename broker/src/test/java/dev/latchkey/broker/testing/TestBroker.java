package dev.latchkey.broker.testing;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.server.ServerLimits;
import dev.latchkey.testsupport.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A dev-mode broker on loopback for tests: a clock the test moves, a {@link TestIssuer} the broker
 * trusts, the broker and an {@link Api} client on it, closed together.
 *
 * <p>Registered with {@code @RegisterExtension} on a static field it runs for the whole class; on an
 * instance field, a fresh one for each test. {@link Builder#start()} starts one for a try-with-resources
 * block instead.
 */
public class TestBroker implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final MutableClock clock;
    private final UnaryOperator<BrokerConfig> config;
    private TestIssuer issuer;
    private RunningBroker broker;
    private Api api;
    private String owner;

    /** A broker whose clock starts at {@code start}, configured by {@code config} after issuer and clock. */
    protected TestBroker(Instant start, UnaryOperator<BrokerConfig> config) {
        this.clock = new MutableClock(start);
        this.config = config;
    }

    /** A builder for a broker whose clock stands at {@code start} until the test moves it. */
    public static Builder at(Instant start) {
        return new Builder(start);
    }

    /** Starts the issuer, the broker and the client; a started one is closed first. */
    public final TestBroker start() throws Exception {
        close();
        try {
            issuer = new TestIssuer(clock);
            broker = LatchkeyBroker.start(config.apply(BrokerConfig.dev().withIssuer(issuer.issuer()).withClock(clock)));
            api = new Api(broker.url());
        } catch (Exception e) {
            close();
            throw e;
        }
        return this;
    }

    /** The clock the broker and the issuer read; it moves only when the test moves it. */
    public final MutableClock clock() {
        return clock;
    }

    /** The identity provider the broker trusts, for tokens. */
    public final TestIssuer issuer() {
        return running(issuer);
    }

    /** The running broker. */
    public final RunningBroker broker() {
        return running(broker);
    }

    /** A client of the broker's API. */
    public final Api api() {
        return running(api);
    }

    /** The broker's base URL. */
    public final URI url() {
        return broker().url();
    }

    private static <T> T running(T part) {
        if (part == null) {
            throw new IllegalStateException("the test broker is not started: register it with @RegisterExtension or call start()");
        }
        return part;
    }

    @Override
    public final void beforeAll(ExtensionContext context) throws Exception {
        startFor(context);
    }

    @Override
    public final void beforeEach(ExtensionContext context) throws Exception {
        startFor(context);
    }

    @Override
    public final void afterEach(ExtensionContext context) {
        stopFor(context);
    }

    @Override
    public final void afterAll(ExtensionContext context) {
        stopFor(context);
    }

    /**
     * JUnit calls a static field's fixture around the class and around each test, an instance field's
     * only around its test: whichever comes first starts the broker, and only its end stops it.
     */
    private void startFor(ExtensionContext context) throws Exception {
        if (broker == null) {
            start();
            owner = context.getUniqueId();
        }
    }

    private void stopFor(ExtensionContext context) {
        if (context.getUniqueId().equals(owner)) {
            close();
        }
    }

    @Override
    public final void close() {
        if (api != null) {
            api.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (issuer != null) {
            issuer.close();
        }
        api = null;
        broker = null;
        issuer = null;
        owner = null;
    }

    /** The configuration variations tests use; each adjusts the dev configuration. */
    public static final class Builder {

        private final Instant start;
        private UnaryOperator<BrokerConfig> config = c -> c;

        private Builder(Instant start) {
            this.start = start;
        }

        /** Reads the policy from {@code file} instead of the demo policy. */
        public Builder policyFile(Path file) {
            return config(c -> c.withPolicyFile(file));
        }

        /** Serves under {@code limits} instead of the defaults. */
        public Builder limits(ServerLimits limits) {
            return config(c -> c.withLimits(limits));
        }

        /** Any other change to the configuration, applied after the ones before it. */
        public Builder config(UnaryOperator<BrokerConfig> adjust) {
            UnaryOperator<BrokerConfig> before = config;
            config = c -> adjust.apply(before.apply(c));
            return this;
        }

        /** A broker not yet started, for {@code @RegisterExtension}. */
        public TestBroker build() {
            return new TestBroker(start, config);
        }

        /** A started broker, for a try-with-resources block. */
        public TestBroker start() throws Exception {
            return build().start();
        }
    }
}
