package dev.latchkey.app.browser;

import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The words on a scope's access badge: standing / granted until 14:32 / requestable / none. */
public final class AccessBadge {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private AccessBadge() {
    }

    public static String text(Scope scope, ZoneId zone) {
        return text(scope, List.of(), Instant.MIN, zone);
    }

    /**
     * The badge with the caller's grants in view: a scope only some of whose secrets are granted
     * says how many ("2 secrets granted"; each one's end is in the table), not the end of the
     * longest grant as if it covered all.
     */
    public static String text(Scope scope, List<Grant> grants, Instant now, ZoneId zone) {
        List<Grant> active = grants.stream().filter(g -> g.scope().equals(scope.name()) && g.activeAt(now)).toList();
        if (scope.access() == Scope.Access.GRANTED && !active.isEmpty()
                && active.stream().noneMatch(g -> g.secrets().isEmpty())) {
            long n = active.stream().flatMap(g -> g.secrets().stream()).distinct().count();
            return n == 1 ? "1 secret granted" : n + " secrets granted";
        }
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
