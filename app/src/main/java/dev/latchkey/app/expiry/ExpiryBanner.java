package dev.latchkey.app.expiry;

import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.Notice;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.core.brokerapi.Scope;
import dev.latchkey.core.expiry.ExpiryEvent;
import dev.latchkey.core.expiry.ExpiryMonitor;
import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.expiry.Thresholds;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shows core's expiry warnings in the window's banner: what a tray notification would say, for
 * desktops without a tray. Drives the {@link ExpiryMonitor} from the app's {@link Scheduler}:
 * one check when the next warning falls due, no polling. UI thread only.
 */
public final class ExpiryBanner {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final String GRANT = "grant:";

    private final ExpiryMonitor monitor;
    private final BannerModel banner;
    private final Scheduler scheduler;
    private Scheduler.Cancellable next = () -> { };
    private Thresholds thresholds;

    public ExpiryBanner(ExpiryMonitor monitor, Thresholds thresholds, BannerModel banner, Scheduler scheduler) {
        this.monitor = monitor;
        this.thresholds = thresholds;
        monitor.setThresholds(thresholds);
        this.banner = banner;
        this.scheduler = scheduler;
        monitor.addListener(this::show);
    }

    /** Watches the grants among {@code scopes} and forgets grants that are gone (ended early, revoked). */
    public void watchGrants(List<Scope> scopes) {
        Set<String> current = new HashSet<>();
        for (Scope s : scopes) {
            if (s.access() == Scope.Access.GRANTED && s.grantedUntil().isPresent()) {
                String id = GRANT + s.name();
                current.add(id);
                monitor.watch(new Expiring(id, Expiring.Kind.GRANT, s.name(), s.grantedUntil().get()));
            }
        }
        for (Expiring e : monitor.items()) {
            if (e.kind() == Expiring.Kind.GRANT && !current.contains(e.id())) {
                monitor.forget(e.id());
                banner.dismiss(e.id());
            }
        }
        checkNow();
    }

    /** Watches one more expiring thing (a launched app's credentials); the same id replaces it. */
    public void watch(Expiring item) {
        monitor.watch(item);
        banner.dismiss(item.id());
        checkNow();
    }

    /** Stops watching {@code id} (the app ended) and withdraws its notice. */
    public void forget(String id) {
        monitor.forget(id);
        banner.dismiss(id);
        checkNow();
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

    /** Checks now and schedules the next check for when the next warning falls due. */
    public void checkNow() {
        next.cancel();
        monitor.check();
        monitor.nextCheck().ifPresent(at -> {
            Duration wait = Duration.between(scheduler.clock().instant(), at);
            next = scheduler.after(wait.isNegative() ? Duration.ZERO : wait, this::checkNow);
        });
    }

    private void show(ExpiryEvent event) {
        Notice.Severity severity = switch (event) {
            case ExpiryEvent.Warning w -> Notice.Severity.WARNING;
            case ExpiryEvent.Expired x -> Notice.Severity.ERROR;
        };
        banner.show(new Notice(event.item().id(), severity, describe(event, scheduler.clock().getZone())));
    }

    /**
     * What a warning says, in the banner and in desktop notifications alike: the item's label
     * (a scope, a profile name), the time left and what to do. Never a value.
     */
    public static String describe(ExpiryEvent event, java.time.ZoneId zone) {
        Expiring item = event.item();
        String what = switch (item.kind()) {
            case GRANT -> "Your access to " + item.label();
            case SANDBOX_TOKEN -> "The sandbox token for " + item.label();
            case LAUNCH -> "What " + item.label() + " was launched with";
            case SESSION -> "Your sign-in";
        };
        String at = TIME.format(item.endsAt().atZone(zone));
        return switch (event) {
            case ExpiryEvent.Warning w -> what + " ends in " + minutes(w.left()) + " (at " + at
                    + "). Finish up, or ask for more time.";
            case ExpiryEvent.Expired x -> what + " ended at " + at + ". Request access again to keep working with it.";
        };
    }

    private static String minutes(Duration d) {
        long m = (d.toSeconds() + 59) / 60; // "ends in 1 min" until it has ended, never "0 min"
        return m + " min";
    }
}
