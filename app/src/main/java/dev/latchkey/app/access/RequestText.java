package dev.latchkey.app.access;

import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.grammar.Durations;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** How requests read in lists and notifications: names, times and reasons, never a value. */
public final class RequestText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", java.util.Locale.ENGLISH);

    private RequestText() {
    }

    /** "payments/prod [db-url] for 1h". */
    public static String what(AccessRequest r) {
        return r.scope() + (r.secrets().isEmpty() ? "" : " [" + String.join(", ", r.secrets()) + "]")
                + " for " + Durations.format(r.duration());
    }

    /** The status column: "pending (payments-leads)", "approved by grace, until 14:32", "denied by grace". */
    public static String status(AccessRequest r, ZoneId zone) {
        return switch (r.state()) {
            case PENDING -> "pending: waiting for " + reviewers(r.reviewers());
            case APPROVED -> "approved " + by(r) + r.grant().map(g -> ", " + until(g, zone)).orElse("");
            case DENIED -> "denied " + by(r);
            case CANCELLED -> "cancelled";
            case EXPIRED -> "expired: nobody decided in time";
            case REVOKED -> "revoked" + r.grant().flatMap(Grant::revokedBy).map(b -> " by " + b).orElse("");
        };
    }

    /** A decision as a notification says it. */
    public static String decision(AccessRequest r, ZoneId zone) {
        return "Your request for " + what(r) + " was " + status(r, zone)
                + r.reason().filter(x -> !x.isBlank()).map(x -> ". Reason: " + x).orElse("") + ".";
    }

    static String until(Grant g, ZoneId zone) {
        return switch (g.state()) {
            case SCHEDULED -> "from " + g.startsAt().map(t -> time(t, zone)).orElse("later") + " until " + time(g.endsAt(), zone);
            case ACTIVE -> "until " + time(g.endsAt(), zone);
            case ENDED -> "ended at " + time(g.endsAt(), zone);
            case REVOKED -> "revoked";
        };
    }

    static String by(AccessRequest r) {
        return r.decidedBy().map(d -> d.startsWith("policy:") ? "by " + d.substring("policy:".length()) : "by " + d).orElse("");
    }

    static String reviewers(List<String> groups) {
        return groups.isEmpty() ? "a reviewer" : String.join(" or ", groups);
    }

    static String time(Instant t, ZoneId zone) {
        return TIME.format(t.atZone(zone));
    }

    /** A time that may be another day: "14:32" today, "30 Nov 06:03" otherwise. */
    static String when(Instant t, Instant now, ZoneId zone) {
        return t.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate()) ? time(t, zone)
                : DAY_TIME.format(t.atZone(zone));
    }

    /** "Ada Lovelace (ada)", or just "ada" when the broker knows no other name. */
    static String person(String name, String username) {
        return name.isBlank() || name.equals(username) ? username : name + " (" + username + ")";
    }
}
