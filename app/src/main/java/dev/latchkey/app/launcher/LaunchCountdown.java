package dev.latchkey.app.launcher;

import dev.latchkey.app.common.TimeLeft;
import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.launch.profile.OnExpiry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What a launched app's header says about what it was given that ends: the grant or sandbox token
 * that ends next among the launch's own, with its countdown, and any that has ended. Whether that
 * is a warning or an end is what the launch's expiry clock (core's) reported, never decided here.
 * Pure, so the words are tested with a test clock.
 */
public final class LaunchCountdown {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** How the countdown is drawn. */
    public enum Alert {
        /** Nothing ends within the launch's first lead time. */
        NONE,
        /** The launch's expiry clock warned about what ends next. */
        WARNING,
        /** Something the app was given has ended. */
        ENDED
    }

    /** The header's text and how loud it is. */
    record Shown(String text, Alert alert) {
    }

    private LaunchCountdown() {
    }

    /**
     * @param items what the run was given that ends ({@code Deadlines.of})
     * @param ended ids of items the launch's expiry clock said have ended
     * @param warned ids of items it warned about
     */
    static Shown of(List<Expiring> items, Set<String> ended, Set<String> warned, OnExpiry onExpiry, Instant now,
                    ZoneId zone) {
        if (items.isEmpty()) {
            return new Shown("Standing access: nothing it was given expires.", Alert.NONE);
        }
        List<Expiring> sorted = items.stream().sorted(Comparator.comparing(Expiring::endsAt)).toList();
        List<String> parts = new ArrayList<>();
        List<Expiring> gone = sorted.stream().filter(e -> ended.contains(e.id())).toList();
        if (!gone.isEmpty()) {
            parts.add(String.join("; ", gone.stream().map(e -> capital(e.label()) + " ended at "
                    + TIME.format(e.endsAt().atZone(zone))).toList()) + switch (onExpiry) {
                        case WARN -> " — the app runs on without it.";
                        case STOP -> " — stopping the app.";
                        case RESTART -> " — restarting it with fresh credentials.";
                    });
        }
        Expiring next = sorted.stream().filter(e -> !ended.contains(e.id())).findFirst().orElse(null);
        if (next != null) {
            parts.add(capital(next.label()) + " ends in " + TimeLeft.words(Duration.between(now, next.endsAt())) + " (at "
                    + TIME.format(next.endsAt().atZone(zone)) + ").");
        }
        Alert alert = !gone.isEmpty() ? Alert.ENDED : next != null && warned.contains(next.id()) ? Alert.WARNING : Alert.NONE;
        return new Shown(String.join(" ", parts), alert);
    }

    private static String capital(String label) {
        return label.isEmpty() ? label : Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }
}
