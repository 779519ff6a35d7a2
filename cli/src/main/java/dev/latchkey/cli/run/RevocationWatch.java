package dev.latchkey.cli.run;

import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.events.BrokerEvent;
import dev.latchkey.core.events.EventStream;
import dev.latchkey.core.launch.Launch;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Follows the broker's event stream while a launch runs, so a grant revoked at the broker ends
 * the launch's access at once (as {@code --on-expiry} says) instead of when the child next fails;
 * only a grant the launch was given something under counts, not another grant of the same scope.
 * Best effort: a broker without a stream, or a dropped connection, leaves the expiry clock in charge.
 */
final class RevocationWatch implements AutoCloseable {

    private final EventStream.Subscription subscription;

    private RevocationWatch(EventStream.Subscription subscription) {
        this.subscription = subscription;
    }

    /** Starts watching the grants of {@code scopes}. */
    static RevocationWatch start(BrokerClient client, Set<String> scopes, Launch launch) {
        EventStream.Subscription s = new EventStream(client.base(), client.bearerToken()).subscribe(OptionalLong.empty(),
                event -> {
                    if (event instanceof BrokerEvent.GrantRevoked r && scopes.contains(r.scope())) {
                        launch.grantEnded(r.grantId(), r.scope(), "revoked" + r.revokedBy().map(b -> " by " + b).orElse("")
                                + r.reason().map(x -> ": " + x).orElse(""));
                    }
                });
        return new RevocationWatch(s);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
