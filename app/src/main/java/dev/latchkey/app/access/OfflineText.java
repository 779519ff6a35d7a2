package dev.latchkey.app.access;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The status bar's words while the broker cannot be reached. */
final class OfflineText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private OfflineText() {
    }

    /** "Offline since 17:02 — Latchkey can't reach the broker; it keeps trying." */
    static String since(Instant since, ZoneId zone) {
        return "Offline since " + TIME.format(since.atZone(zone)) + " — Latchkey can't reach the broker; it keeps trying.";
    }
}
