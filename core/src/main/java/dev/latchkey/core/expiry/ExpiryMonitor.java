package dev.latchkey.core.expiry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One clock that watches every expiring thing and warns at thresholds.
 *
 * <p>It never starts a thread: the owner calls {@link #check()} when {@link #nextCheck()} comes
 * round (the app from its UI timer, the CLI from its launch loop), so tests drive it with a
 * fixed or hand-moved {@link Clock} and nothing sleeps. Each item gets each threshold's warning
 * at most once, and one {@link ExpiryEvent.Expired}; an item first watched with less time left
 * than several thresholds gets one warning, for the nearest of them. Thread-safe.
 */
public final class ExpiryMonitor {

    private static final class Watched {
        Expiring item;
        int warned; // how many lead times, from the longest, have been warned about
        boolean expired;

        Watched(Expiring item) {
            this.item = item;
        }
    }

    private final Clock clock;
    private final List<ExpiryListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private Thresholds thresholds;

    /** A monitor on {@code clock} that warns at {@code thresholds} before each expiry; it watches nothing yet. */
    public ExpiryMonitor(Clock clock, Thresholds thresholds) {
        this.clock = clock;
        this.thresholds = thresholds;
    }

    /** Hears each warning and expiry that {@link #check()} finds from now on, on the thread calling it. */
    public void addListener(ExpiryListener listener) {
        listeners.add(listener);
    }

    /** Stops {@code listener} hearing anything more. */
    public void removeListener(ExpiryListener listener) {
        listeners.remove(listener);
    }

    /** Watches {@code item}; an item with the same id is replaced and its warnings start afresh. */
    public synchronized void watch(Expiring item) {
        watched.put(item.id(), new Watched(item));
    }

    /**
     * Stops watching the item with {@code id} (a launch stopped, or an ended item the user has
     * dismissed): an item that has ended stays, in state {@code EXPIRED}, until this.
     */
    public synchronized void forget(String id) {
        watched.remove(id);
    }

    /**
     * Watches exactly {@code live} among the items of {@code kind}, as a list from their source of
     * truth (the broker's grants) says: new items are added; an item whose end moved starts afresh;
     * an unchanged item keeps the warnings it had. An item of {@code kind} no longer listed that
     * has not reached its end ended early (revoked): it ends now, so the next {@link #check()}
     * reports it. Ended items stay until {@link #forget}, so "access has ended" is not lost when
     * the source stops listing them.
     */
    public synchronized void track(Expiring.Kind kind, Collection<Expiring> live) {
        Map<String, Expiring> listed = new LinkedHashMap<>();
        for (Expiring e : live) {
            if (e.kind() != kind) {
                throw new IllegalArgumentException("track(" + kind + ") was given a " + e.kind() + ": " + e.id());
            }
            listed.put(e.id(), e);
        }
        Instant now = clock.instant();
        for (Watched w : List.copyOf(watched.values())) {
            if (w.item.kind() == kind && !listed.containsKey(w.item.id()) && !w.expired && now.isBefore(w.item.endsAt())) {
                w.item = new Expiring(w.item.id(), kind, w.item.label(), now);
            }
        }
        listed.values().forEach(e -> {
            Watched w = watched.get(e.id());
            if (w == null || !w.item.endsAt().equals(e.endsAt())) {
                watched.put(e.id(), new Watched(e));
            } else {
                w.item = e;
            }
        });
    }

    /**
     * The item with {@code id} stopped working before its time (a grant revoked): it ends now, and
     * the next {@link #check()} reports it once, unless it had already ended.
     *
     * @return false when no such item is watched
     */
    public synchronized boolean endNow(String id) {
        Watched w = watched.get(id);
        if (w == null) {
            return false;
        }
        Instant now = clock.instant();
        if (now.isBefore(w.item.endsAt())) {
            w.item = new Expiring(w.item.id(), w.item.kind(), w.item.label(), now);
        }
        return true;
    }

    /** The items that have ended and are still watched (not yet dismissed), soonest end first. */
    public synchronized List<Expiring> ended() {
        Instant now = clock.instant();
        return items().stream().filter(e -> !now.isBefore(e.endsAt())).toList();
    }

    /** Changes the lead times; warnings already given are not given again. */
    public synchronized void setThresholds(Thresholds next) {
        thresholds = next;
        Instant now = clock.instant();
        watched.values().forEach(w -> w.warned = passed(Duration.between(now, w.item.endsAt())));
    }

    /** The items watched, soonest end first. */
    public synchronized List<Expiring> items() {
        return watched.values().stream().map(w -> w.item).sorted(Comparator.comparing(Expiring::endsAt)).toList();
    }

    /** The item that ends first, if any. */
    public Optional<Expiring> earliest() {
        return items().stream().findFirst();
    }

    /** The worst state across everything watched, at the clock's current time. */
    synchronized ExpiryState worst() {
        Instant now = clock.instant();
        ExpiryState worst = ExpiryState.OK;
        for (Watched w : watched.values()) {
            ExpiryState s = stateOf(w.item, now);
            if (s.compareTo(worst) > 0) {
                worst = s;
            }
        }
        return worst;
    }

    /** The state of one item at {@code now}. */
    ExpiryState stateOf(Expiring item, Instant now) {
        Duration left = Duration.between(now, item.endsAt());
        if (!left.isPositive()) {
            return ExpiryState.EXPIRED;
        }
        return left.compareTo(currentThresholds().first()) <= 0 ? ExpiryState.WARNING : ExpiryState.OK;
    }

    /**
     * Delivers every event due now to the listeners (outside the monitor's lock, so a listener
     * may call back in) and returns them.
     */
    public List<ExpiryEvent> check() {
        List<ExpiryEvent> due = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            for (Watched w : watched.values()) {
                if (w.expired) {
                    continue;
                }
                Duration left = Duration.between(now, w.item.endsAt());
                if (!left.isPositive()) {
                    w.expired = true;
                    due.add(new ExpiryEvent.Expired(w.item));
                    continue;
                }
                int reached = passed(left);
                if (reached > w.warned) {
                    w.warned = reached;
                    due.add(new ExpiryEvent.Warning(w.item, thresholds.leadTimes().get(reached - 1), left));
                }
            }
        }
        if (due.size() > 1) {
            // Only when there is an order to make: the comparator's class is generated on first use, on
            // every launch's expiry thread as it starts (check runs at once), which no AOT cache holds.
            due.sort(Comparator.comparing(e -> e.item().endsAt()));
        }
        for (ExpiryEvent e : due) {
            listeners.forEach(l -> l.onExpiry(e));
        }
        return due;
    }

    /**
     * When the next event falls due, so the owner can schedule one {@link #check()} then instead
     * of polling; empty when nothing more will happen.
     */
    public synchronized Optional<Instant> nextCheck() {
        Optional<Instant> next = Optional.empty();
        for (Watched w : watched.values()) {
            if (w.expired) {
                continue;
            }
            Instant at = w.warned < thresholds.leadTimes().size()
                    ? w.item.endsAt().minus(thresholds.leadTimes().get(w.warned))
                    : w.item.endsAt();
            if (next.isEmpty() || at.isBefore(next.get())) {
                next = Optional.of(at);
            }
        }
        return next;
    }

    private synchronized Thresholds currentThresholds() {
        return thresholds;
    }

    /** How many lead times, from the longest, {@code left} is within. */
    private int passed(Duration left) {
        int n = 0;
        for (Duration lead : thresholds.leadTimes()) {
            if (left.compareTo(lead) <= 0) {
                n++;
            }
        }
        return n;
    }
}
