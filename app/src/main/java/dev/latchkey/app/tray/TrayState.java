package dev.latchkey.app.tray;

import dev.latchkey.core.expiry.Expiring;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;

/**
 * What the tray icon shows: the worst upcoming expiry among everything watched, or that the broker
 * cannot be reached. Pure, so the choice of icon is tested without a tray. Declared from least to
 * most urgent.
 */
public enum TrayState {
    /** Nobody is signed in: nothing is watched. */
    SIGNED_OUT,
    /** Nothing ends within the warning lead time. */
    OK,
    /**
     * The broker cannot be reached (what Latchkey shows may be stale), and nothing ends soon: an
     * end or a warning says more, since offline nothing can be extended anyway.
     */
    OFFLINE,
    /** Something ends within the warning lead time (15 minutes by default). */
    WARNING,
    /** Something has ended, or was revoked. */
    EXPIRED;

    /**
     * The state for {@code watched} at {@code now}.
     *
     * @param watched everything watched; an ended (or revoked) grant stays there until its notice is
     *        dismissed, so the icon stays on "ended" until then
     * @param warnWithin the longest lead time: an end this close or closer is a warning
     */
    public static TrayState of(Collection<Expiring> watched, Instant now, Duration warnWithin) {
        return of(watched, now, warnWithin, false);
    }

    /**
     * The state for {@code watched} at {@code now}, {@code offline} when the broker cannot be reached.
     *
     * @param warnWithin the longest lead time: an end this close or closer is a warning
     */
    public static TrayState of(Collection<Expiring> watched, Instant now, Duration warnWithin, boolean offline) {
        TrayState worst = offline ? OFFLINE : OK;
        for (Expiring e : watched) {
            Duration left = Duration.between(now, e.endsAt());
            TrayState s = !left.isPositive() ? EXPIRED : left.compareTo(warnWithin) <= 0 ? WARNING : OK;
            if (s.compareTo(worst) > 0) {
                worst = s;
            }
        }
        return worst;
    }

    /** The word in the icon file names: {@code signed-out}, {@code ok}, {@code offline}, {@code warning}, {@code expired}. */
    public String fileWord() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The tooltip's words. */
    public String describe() {
        return switch (this) {
            case SIGNED_OUT -> "Latchkey: not signed in";
            case OK -> "Latchkey: nothing expires soon";
            case OFFLINE -> "Latchkey: offline, can't reach the broker";
            case WARNING -> "Latchkey: access ends soon";
            case EXPIRED -> "Latchkey: access has ended or was revoked";
        };
    }
}
