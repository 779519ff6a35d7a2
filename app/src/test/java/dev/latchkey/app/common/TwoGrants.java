package dev.latchkey.app.common;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.AccessRequestForm;
import dev.latchkey.core.brokerapi.BrokerClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The case, for real: a dev broker on the test's clock where ada holds two grants in
 * payments/prod that grace approved, 30 minutes on {@code stripe-api-key} and 6 minutes on
 * {@code db-url}; {@code pagerduty-routing-key} is not granted. Sign-ins last two hours, so
 * moving the clock past the grants does not sign anyone out.
 */
public final class TwoGrants implements AutoCloseable {

    public static final Duration STRIPE_FOR = Duration.ofMinutes(30);
    public static final Duration DB_FOR = Duration.ofMinutes(6);

    public final RunningBroker broker;
    public final String adaToken;
    public final BrokerClient ada;
    public final String stripeGrant;
    public final String dbGrant;

    private TwoGrants(RunningBroker broker, String adaToken, BrokerClient ada, String stripeGrant, String dbGrant) {
        this.broker = broker;
        this.adaToken = adaToken;
        this.ada = ada;
        this.stripeGrant = stripeGrant;
        this.dbGrant = dbGrant;
    }

    /** Starts the broker on {@code clock} and makes both grants, stripe's first. */
    public static TwoGrants start(Clock clock) throws Exception {
        RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev().withClock(clock)
                .withDevTokenTtl(Duration.ofHours(2)).withDevPollInterval(Duration.ofSeconds(1)));
        try {
            String token = DevSignIn.accessToken(broker.url(), "ada");
            String graceToken = DevSignIn.accessToken(broker.url(), "grace");
            BrokerClient ada = Latchkey.brokerClient(broker.url(), () -> token);
            BrokerClient grace = Latchkey.brokerClient(broker.url(), () -> graceToken);
            String stripe = approved(ada, grace, "stripe-api-key", STRIPE_FOR);
            String db = approved(ada, grace, "db-url", DB_FOR);
            return new TwoGrants(broker, token, ada, stripe, db);
        } catch (Exception | Error e) {
            broker.close();
            throw e;
        }
    }

    private static String approved(BrokerClient ada, BrokerClient grace, String secret, Duration length) throws Exception {
        AccessRequest asked = ada.requestAccess(new AccessRequestForm("payments/prod", List.of(secret),
                "PAY-12 refund investigation", length, Optional.empty()));
        return grace.approve(asked.id(), "ok").grant().orElseThrow().id();
    }

    @Override
    public void close() {
        broker.close();
    }
}
