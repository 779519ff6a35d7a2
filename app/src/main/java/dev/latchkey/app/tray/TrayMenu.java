package dev.latchkey.app.tray;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the tray menu: running apps, active grants (one line per grant) with time left, grants
 * whose access has ended and is not yet dismissed, then open window, sign out, quit.
 */
public final class TrayMenu {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /**
     * A grant as the menu lists it.
     *
     * @param what what it covers: {@code payments/prod/db-url}, or a whole scope
     */
    public record GrantLine(String what, Instant endsAt) {
    }

    /** What the menu's actions do. */
    public record Actions(Runnable openWindow, Runnable signOut, Runnable quit) {
    }

    private TrayMenu() {
    }

    /**
     * The menu for this moment.
     *
     * @param runningApps names of the apps running now
     * @param grants active grants
     * @param ended grants whose access has ended, until the user dismisses their notice
     * @param signedIn whether "Sign out" applies
     */
    public static List<TrayMenuItem> build(List<String> runningApps, List<GrantLine> grants, List<GrantLine> ended,
                                           boolean signedIn, Instant now, ZoneId zone, Actions actions) {
        List<TrayMenuItem> items = new ArrayList<>();
        items.add(new TrayMenuItem.Action("Open Latchkey", actions.openWindow()));
        items.add(new TrayMenuItem.Separator());
        List<TrayMenuItem> apps = new ArrayList<>();
        runningApps.forEach(a -> apps.add(new TrayMenuItem.Info(a)));
        if (apps.isEmpty()) {
            apps.add(new TrayMenuItem.Info("None running"));
        }
        items.add(new TrayMenuItem.Submenu("Running apps (" + runningApps.size() + ")", apps));
        List<TrayMenuItem> granted = new ArrayList<>();
        grants.stream().sorted(Comparator.comparing(GrantLine::endsAt))
                .forEach(g -> granted.add(new TrayMenuItem.Info(g.what() + " — " + left(now, g.endsAt())
                        + " (until " + TIME.format(g.endsAt().atZone(zone)) + ")")));
        if (granted.isEmpty()) {
            granted.add(new TrayMenuItem.Info("No active grants"));
        }
        items.add(new TrayMenuItem.Submenu("Active grants (" + grants.size() + ")", granted));
        if (!ended.isEmpty()) {
            items.add(new TrayMenuItem.Submenu("Access ended (" + ended.size() + ")", ended.stream()
                    .sorted(Comparator.comparing(GrantLine::endsAt))
                    .<TrayMenuItem>map(g -> new TrayMenuItem.Info(g.what() + " — ended at "
                            + TIME.format(g.endsAt().atZone(zone)))).toList()));
        }
        items.add(new TrayMenuItem.Separator());
        if (signedIn) {
            items.add(new TrayMenuItem.Action("Sign out", actions.signOut()));
        }
        items.add(new TrayMenuItem.Action("Quit Latchkey", actions.quit()));
        return items;
    }

    /** "1 h 05 min left", "14 min left", "ended". */
    static String left(Instant now, Instant end) {
        Duration d = Duration.between(now, end);
        if (!d.isPositive()) {
            return "ended";
        }
        long min = (d.toSeconds() + 59) / 60;
        return (min >= 60 ? min / 60 + " h " + String.format("%02d", min % 60) + " min" : min + " min") + " left";
    }
}
