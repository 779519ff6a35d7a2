package dev.latchkey.app.expiry;

import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.BannerView;
import dev.latchkey.app.common.DismissedNotices;
import dev.latchkey.app.common.Notice;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.expiry.ExpiryEvent;
import dev.latchkey.core.expiry.ExpiryMonitor;
import dev.latchkey.core.expiry.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Drives core's {@link ExpiryMonitor} for the signed-in user's grants, one item per grant, from
 * the app's {@link Scheduler} (one check when something next falls due, no polling), and shows
 * what it says in the window's banner: a warning at each lead time that counts down minute by
 * minute, then an "access has ended" notice that stays, and keeps the item watched (so the tray
 * stays on "ended"), until the user dismisses it. UI thread only.
 */
public final class ExpiryBanner {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final ExpiryMonitor monitor;
    private final BannerModel banner;
    private final Scheduler scheduler;
    /** Why an item ended early (a revocation), by item id: its notice says this instead. */
    private final Map<String, String> endNotes = new HashMap<>();
    /** Items whose warning is on the banner now, counting down. */
    private final Set<String> counting = new LinkedHashSet<>();
    /** The lead time of each item's last warning: a dismissal is remembered for that lead time. */
    private final Map<String, Duration> warnedAt = new HashMap<>();
    private final DismissedNotices dismissedBefore;
    private Consumer<String> extend = grantId -> { };
    private Scheduler.Cancellable next = () -> { };
    private Thresholds thresholds;

    public ExpiryBanner(ExpiryMonitor monitor, Thresholds thresholds, BannerModel banner, Scheduler scheduler) {
        this(monitor, thresholds, banner, scheduler, DismissedNotices.inMemory());
    }

    /**
     * @param dismissedBefore the warnings dismissed before (across restarts): one dismissed at a
     *     lead time does not come back at that lead time, only at the next
     */
    public ExpiryBanner(ExpiryMonitor monitor, Thresholds thresholds, BannerModel banner, Scheduler scheduler,
                        DismissedNotices dismissedBefore) {
        this.dismissedBefore = dismissedBefore;
        this.monitor = monitor;
        this.thresholds = thresholds;
        monitor.setThresholds(thresholds);
        this.banner = banner;
        this.scheduler = scheduler;
        monitor.addListener(this::show);
        banner.addDismissListener(this::dismissed);
    }

    /**
     * Watches exactly these grants (the broker's list of the user's active and scheduled ones),
     * each on its own. A grant no longer listed before its end was taken back: it has ended now.
     */
    public void watchGrants(List<Grant> grants) {
        Instant now = scheduler.clock().instant();
        // A grant no longer listed is over: what was dismissed about it need not be remembered.
        Set<String> listed = grants.stream().filter(g -> !g.id().isBlank())
                .map(g -> Expiring.grant(g.id(), g.what(), g.endsAt()).id()).collect(Collectors.toSet());
        dismissedBefore.forget(e -> e.startsWith("grant:") && !listed.contains(e.split("@", 2)[0]));
        monitor.track(Expiring.Kind.GRANT, grants.stream()
                .filter(g -> !g.id().isEmpty() && g.revokedAt().isEmpty() && now.isBefore(g.endsAt())
                        && (g.state() == Grant.State.ACTIVE || g.state() == Grant.State.SCHEDULED))
                .map(g -> Expiring.grant(g.id(), g.what(), g.endsAt())).toList());
        checkNow();
    }

    /**
     * Grant {@code grantId} was revoked: its access has ended now, and its notice (and the
     * desktop notification) says so, who did it and why, until dismissed.
     *
     * @param scope the grant's scope, named when the grant was not watched (such as a scheduled one)
     * @param why such as {@code revoked by grace: incident over}
     */
    public void revoked(String grantId, String scope, String why) {
        Expiring item = Expiring.grant(grantId, scope, scheduler.clock().instant());
        String what = monitor.items().stream().filter(e -> e.id().equals(item.id())).map(Expiring::label).findFirst()
                .orElse(scope);
        endNotes.put(item.id(), "Your access to " + what + " was " + why + ". Request it again if you still need it.");
        if (!monitor.endNow(item.id())) {
            monitor.watch(item);
        }
        checkNow();
    }

    /**
     * Forgets every grant and withdraws their notices: on sign-out, so the next person signed in
     * sees nothing of the last one's grants (nor takes them for revoked).
     */
    public void forgetGrants() {
        for (Expiring e : monitor.items()) {
            if (e.kind() == Expiring.Kind.GRANT) {
                monitor.forget(e.id());
                banner.dismiss(e.id());
            }
        }
        counting.clear();
        warnedAt.clear();
        endNotes.clear();
        dismissedBefore.forget(e -> e.startsWith("grant:"));
        checkNow();
    }

    /** What a grant warning's "Extend …" does with the grant's id (opens its extension). */
    public void onExtend(Consumer<String> action) {
        extend = action;
    }

    /** The lead times warnings are given at. */
    public Thresholds thresholds() {
        return thresholds;
    }

    /** Changes the lead times (from settings) and reschedules. */
    public void setThresholds(Thresholds next) {
        thresholds = next;
        monitor.setThresholds(next);
        checkNow();
    }

    /**
     * Checks now, redraws the countdowns, and schedules the next check for when the next warning,
     * end or countdown minute falls due.
     */
    public void checkNow() {
        next.cancel();
        monitor.check();
        Instant now = scheduler.clock().instant();
        Optional<Instant> due = monitor.nextCheck();
        for (Expiring item : monitor.items()) {
            if (counting.contains(item.id()) && now.isBefore(item.endsAt())) {
                banner.show(warning(item, Duration.between(now, item.endsAt())));
                Instant change = item.endsAt().minus(Duration.ofMinutes(minutes(Duration.between(now, item.endsAt())) - 1));
                if (change.isAfter(now) && (due.isEmpty() || change.isBefore(due.get()))) {
                    due = Optional.of(change);
                }
            }
        }
        due.ifPresent(at -> {
            Duration wait = Duration.between(now, at);
            next = scheduler.after(wait.isNegative() ? Duration.ZERO : wait, this::checkNow);
        });
    }

    private void show(ExpiryEvent event) {
        String id = event.item().id();
        switch (event) {
            case ExpiryEvent.Warning w -> {
                warnedAt.put(id, w.threshold());
                if (dismissedBefore.contains(memoryKey(id, w.threshold()))) {
                    return; // dismissed at this lead time before a restart: the next lead time shows it again
                }
                counting.add(id); // a new lead time shows again what the user dismissed at the last one
                banner.show(warning(w.item(), w.left()));
            }
            case ExpiryEvent.Expired x -> {
                counting.remove(id);
                banner.show(new Notice(id, Notice.Severity.ERROR, describe(event)));
            }
        }
    }

    /** The user dismissed a notice: an ended item is let go (the tray leaves "ended"); a warning stops counting. */
    private void dismissed(String key) {
        if (counting.remove(key) && warnedAt.containsKey(key) && key.startsWith("grant:")
                && DismissedNotices.isKey(memoryKey(key, warnedAt.get(key)))) {
            dismissedBefore.add(memoryKey(key, warnedAt.get(key))); // another broker's odd id is just not remembered
        }
        if (monitor.ended().stream().anyMatch(e -> e.id().equals(key))) {
            monitor.forget(key);
            endNotes.remove(key);
        }
    }

    /** {@code grant:g_1@15m}: the grant's notice key and the lead time it was dismissed at. */
    private static String memoryKey(String key, Duration leadTime) {
        return key + "@" + leadTime.toMinutes() + "m";
    }

    private Notice warning(Expiring item, Duration left) {
        List<Notice.Action> actions = item.grantId().map(g -> List.of(new Notice.Action("Extend …",
                BannerView.nodeId("extend-" + g), () -> extend.accept(g)))).orElse(List.of());
        return new Notice(item.id(), Notice.Severity.WARNING, what(item) + " ends in " + minutes(left) + " min (at "
                + at(item) + "). Finish up, or ask for more time.", actions);
    }

    /**
     * What the banner and desktop notifications say: the item's label (a scope, its secrets), the
     * time left or when it ended, and what to do. Never a value.
     */
    public String describe(ExpiryEvent event) {
        Expiring item = event.item();
        return switch (event) {
            case ExpiryEvent.Warning w -> warning(item, w.left()).text();
            case ExpiryEvent.Expired x -> Optional.ofNullable(endNotes.get(item.id())).orElseGet(() -> what(item)
                    + " ended at " + at(item) + ". Request access again to keep working with it.");
        };
    }

    private static String what(Expiring item) {
        return switch (item.kind()) {
            case GRANT -> "Your access to " + item.label();
            case SANDBOX_TOKEN -> "The sandbox token for " + item.label();
            case LAUNCH -> "What " + item.label() + " was launched with";
            case SESSION -> "Your sign-in";
        };
    }

    private String at(Expiring item) {
        return TIME.format(item.endsAt().atZone(scheduler.clock().getZone()));
    }

    /** Whole minutes left, rounded up: "ends in 1 min" until it has ended, never "0 min". */
    private static long minutes(Duration d) {
        return (d.toSeconds() + 59) / 60;
    }
}
