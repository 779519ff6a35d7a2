package dev.latchkey.core.approval;

import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Which scopes ask for confirmation before a launch reads them: those the broker's policy marks
 * ({@code "confirm": true} in its scopes listing; a broker that does not say marks none) and those
 * the user marked on this machine ({@link LocalConfirmScopes}).
 *
 * <p>The listing is asked at most once per {@link #LISTING_TTL}, so an agent that serves many
 * launches calls the broker once for all of them; a change of policy reaches it within that time.
 * An agent asks it ahead ({@link #refresh()}) so that a launch finds it fresh and does not wait for
 * the broker's answer; a launch that finds it older than {@link #LISTING_TTL} still asks itself.
 */
public final class ConfirmScopes {

    /** How long a scopes listing is used before it is asked again. */
    public static final Duration LISTING_TTL = Duration.ofSeconds(10);

    private final BrokerClient broker;
    private final Supplier<Set<String>> local;
    private final Clock clock;
    private final Object listing = new Object();
    /** The last listing and when it was asked; replaced whole, so a question reads it without the lock. */
    private volatile Listed listed;

    private record Listed(Set<String> marked, Instant listedAt) {
    }

    /**
     * @param broker asked for its scopes listing
     * @param local the scopes the user marked, read at each question (a small file)
     */
    public ConfirmScopes(BrokerClient broker, Supplier<Set<String>> local, Clock clock) {
        this.broker = broker;
        this.local = local;
        this.clock = clock;
    }

    /** The ones of {@code scopes} that ask for confirmation, sorted. */
    public Set<String> among(Set<String> scopes) throws BrokerException {
        Set<String> out = new TreeSet<>();
        if (scopes.isEmpty()) {
            return out;
        }
        Set<String> byPolicy = byPolicy();
        Set<String> byUser = local.get();
        for (String s : scopes) {
            if (byPolicy.contains(s) || byUser.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Asks the broker for its listing now, as a question finding it out of date would; an agent calls it ahead of need. */
    public void refresh() throws BrokerException {
        synchronized (listing) {
            list(clock.instant());
        }
    }

    private Set<String> byPolicy() throws BrokerException {
        Instant now = clock.instant();
        Listed l = listed;
        if (l != null && fresh(l, now)) {
            return l.marked();
        }
        synchronized (listing) {
            l = listed; // another question may have asked while this one waited
            if (l != null && fresh(l, clock.instant())) {
                return l.marked();
            }
            return list(clock.instant()).marked();
        }
    }

    private static boolean fresh(Listed l, Instant now) {
        return now.isBefore(l.listedAt().plus(LISTING_TTL)) && !now.isBefore(l.listedAt());
    }

    private Listed list(Instant now) throws BrokerException {
        Set<String> fresh = new TreeSet<>();
        for (Scope s : broker.scopes()) {
            if (s.confirm()) {
                fresh.add(s.name());
            }
        }
        Listed l = new Listed(Set.copyOf(fresh), now);
        listed = l;
        return l;
    }
}
