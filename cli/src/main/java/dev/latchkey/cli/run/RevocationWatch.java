package dev.latchkey.cli.run;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.events.BrokerEvent;
import dev.latchkey.core.events.EventListener;
import dev.latchkey.core.events.EventStream;
import dev.latchkey.core.events.StreamState;
import dev.latchkey.core.launch.Launch;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Follows the broker's event stream while a launch runs, so a grant revoked at the broker ends
 * the launch's access at once (as {@code --on-expiry} says) instead of when the child next fails;
 * only a grant the launch was given something under counts, not another grant of the same scope.
 * Best effort: a broker without a stream, or a dropped connection, leaves the expiry clock in charge.
 */
final class RevocationWatch implements AutoCloseable {

    /** How long after the child starts the watch connects; a revocation meanwhile is caught up on connecting. */
    static final Duration START_DELAY = Duration.ofMillis(500);
    private static final Duration CHILD_POLL = Duration.ofMillis(50);

    private EventStream.Subscription subscription;
    private boolean closed;

    private RevocationWatch() {
    }

    /**
     * Starts watching the grants of {@code scopes} ({@code grantsChanged} hears of a decided request
     * or a starting grant on one of them). Builds the broker client and subscribes on a thread of its
     * own, {@link #START_DELAY} after the launch's child starts, so a launch does not wait for the HTTP
     * client's classes and a short one never loads them. What happens meanwhile is caught up once
     * the stream connects.
     */
    static RevocationWatch startInBackground(Supplier<BrokerClient> client, Set<String> scopes, Launch launch,
                                             Runnable grantsChanged) {
        RevocationWatch watch = new RevocationWatch();
        Thread.ofPlatform().daemon().name("latchkey-revocations").start(() -> {
            try {
                // A short command ends before this: it never pays for the HTTP client's classes. Counted from
                // the child's start, so a slow resolve (an agent warming up, a loaded machine) does not count.
                while (launch.childPid().isEmpty() && !watch.isClosed()) {
                    Thread.sleep(CHILD_POLL);
                }
                Thread.sleep(START_DELAY);
                synchronized (watch) {
                    if (watch.closed) {
                        return;
                    }
                }
                EventStream.Subscription s = subscribe(client.get(), scopes, launch, grantsChanged);
                synchronized (watch) {
                    if (watch.closed) {
                        s.close();
                    } else {
                        watch.subscription = s;
                    }
                }
            } catch (RuntimeException | InterruptedException e) {
                // Best effort, as the stream itself: the expiry clock stays in charge.
            }
        });
        return watch;
    }

    private static EventStream.Subscription subscribe(BrokerClient client, Set<String> scopes, Launch launch,
                                                      Runnable grantsChanged) {
        return Latchkey.events(client).subscribe(OptionalLong.empty(),
                new EventListener() {
                    @Override
                    public void onEvent(BrokerEvent event) {
                        if (event instanceof BrokerEvent.GrantRevoked r && scopes.contains(r.scope())) {
                            launch.grantEnded(r.grantId(), r.scope(), revoked(r.revokedBy(), r.reason()));
                        }
                        // An extension (a grant that follows on) or a new grant: values and sandbox tokens may last longer now.
                        if (event instanceof BrokerEvent.GrantStarting g && scopes.contains(g.scope())
                                || event instanceof BrokerEvent.RequestDecided d && scopes.contains(d.scope())) {
                            grantsChanged.run();
                        }
                    }

                    @Override
                    public void onState(StreamState state) {
                        if (state instanceof StreamState.Connected) {
                            catchUp(client, scopes, launch);
                        }
                    }
                });
    }

    /**
     * A grant revoked after the launch's resolve but before the stream connected sends no event
     * this stream will see: once connected, the grants are read again and those revoked meanwhile
     * end the run too. Only grants the run holds by id count, so an old revoked grant does nothing.
     */
    private static void catchUp(BrokerClient client, Set<String> scopes, Launch launch) {
        try {
            for (Grant g : client.grants(true)) {
                if (g.state() == Grant.State.REVOKED && scopes.contains(g.scope())) {
                    launch.heldGrantEnded(g.id(), revoked(g.revokedBy(), Optional.empty()));
                }
            }
        } catch (BrokerException e) {
            // Best effort, as the stream itself: the expiry clock stays in charge.
        }
    }

    private static String revoked(Optional<String> by, Optional<String> reason) {
        return "revoked" + by.map(b -> " by " + b).orElse("") + reason.map(x -> ": " + x).orElse("");
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
    }
}
