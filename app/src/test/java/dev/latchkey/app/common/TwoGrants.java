package dev.latchkey.app.common;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.AccessRequestForm;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.testsupport.broker.BrokerProcess;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The case, for real: a dev broker (a process of its own) on the test's clock where ada holds two grants in
 * payments/prod that grace approved, 30 minutes on {@code stripe-api-key} and 6 minutes on
 * {@code db-url}; {@code pagerduty-routing-key} is not granted. Sign-ins last two hours, so
 * moving the clock past the grants does not sign anyone out. The broker's clock stands still
 * ({@code --dev-clock}) and is set, over HTTP, each time the test's scheduler moves.
 */
public final class TwoGrants implements AutoCloseable {

    public static final Duration STRIPE_FOR = Duration.ofMinutes(30);
    public static final Duration DB_FOR = Duration.ofMinutes(6);

    public final BrokerProcess broker;
    public final String adaToken;
    public final BrokerClient ada;
    public final String stripeGrant;
    public final String dbGrant;

    private TwoGrants(BrokerProcess broker, String adaToken, BrokerClient ada, String stripeGrant, String dbGrant) {
        this.broker = broker;
        this.adaToken = adaToken;
        this.ada = ada;
        this.stripeGrant = stripeGrant;
        this.dbGrant = dbGrant;
    }

    /** Starts the broker on {@code scheduler}'s clock and makes both grants, stripe's first. */
    public static TwoGrants start(ManualScheduler scheduler) throws Exception {
        BrokerProcess broker = DevBroker.start("--dev-clock=" + scheduler.clock().instant(), "--dev-token-ttl=2h",
                "--dev-poll-interval=1s");
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            scheduler.onMove(now -> setClock(http, broker.url(), now));
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

    /** Sets the broker's clock (its dev clock's route, {@code POST /dev-idp/clock}) to {@code now}. */
    private static void setClock(HttpClient http, URI broker, Instant now) {
        HttpRequest set = HttpRequest.newBuilder(broker.resolve("/dev-idp/clock")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("now=" + now)).build();
        try {
            HttpResponse<String> answer = http.send(set, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 204) {
                throw new IllegalStateException("the broker kept its clock: HTTP " + answer.statusCode() + " "
                        + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the broker's clock", e);
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
