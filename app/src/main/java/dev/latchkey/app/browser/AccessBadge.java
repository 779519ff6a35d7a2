package dev.latchkey.app.browser;

import dev.latchkey.core.brokerapi.Scope;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The words on a scope's access badge: standing / granted until 14:32 / requestable / none. */
public final class AccessBadge {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private AccessBadge() {
    }

    public static String text(Scope scope, ZoneId zone) {
        return switch (scope.access()) {
            case STANDING -> "standing";
            case GRANTED -> scope.grantedUntil().map(t -> "granted until " + TIME.format(t.atZone(zone))).orElse("granted");
            case REQUESTABLE -> scope.maxDuration().map(d -> "requestable (up to " + human(d) + ")").orElse("requestable");
            case NONE -> "none";
        };
    }

    /** The CSS class that colours the badge. */
    public static String styleClass(Scope scope) {
        return "badge-" + scope.access().name().toLowerCase(java.util.Locale.ROOT);
    }

    static String human(Duration d) {
        if (d.toMinutes() < 60) {
            return d.toMinutes() + " min";
        }
        if (d.toHours() < 48) {
            return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toHours() + " h " + d.toMinutes() % 60 + " min";
        }
        return d.toDays() + " days";
    }
}
