package dev.latchkey.app.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrayMenuTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private final List<String> ran = new ArrayList<>();
    private final TrayMenu.Actions actions = new TrayMenu.Actions(() -> ran.add("open"), () -> ran.add("sign out"),
            () -> ran.add("quit"));

    private static List<String> labels(List<TrayMenuItem> items) {
        List<String> out = new ArrayList<>();
        for (TrayMenuItem i : items) {
            switch (i) {
                case TrayMenuItem.Action a -> out.add(a.label());
                case TrayMenuItem.Info n -> out.add("  " + n.label());
                case TrayMenuItem.Submenu s -> {
                    out.add(s.label() + ":");
                    labels(s.items()).forEach(x -> out.add("  " + x.strip()));
                }
                case TrayMenuItem.Separator x -> out.add("---");
            }
        }
        return out;
    }

    @Test
    void listsRunningAppsAndEachGrantSoonestEndFirstThenEndedOnesThenTheWindowActions() {
        List<TrayMenuItem> menu = TrayMenu.build(List.of("payments-api"), List.of(
                new TrayMenu.GrantLine("payments/prod/stripe-api-key", NOW.plus(Duration.ofMinutes(65))),
                new TrayMenu.GrantLine("payments/prod/db-url", NOW.plus(Duration.ofMinutes(14)).plusSeconds(10))),
                List.of(new TrayMenu.GrantLine("payments/staging", NOW.minus(Duration.ofMinutes(2)))),
                true, NOW, ZoneOffset.UTC, actions);
        assertThat(labels(menu)).containsExactly(
                "Open Latchkey", "---",
                "Running apps (1):", "  payments-api",
                "Active grants (2):", "  payments/prod/db-url — 15 min left (until 10:14)",
                "  payments/prod/stripe-api-key — 1 h 05 min left (until 11:05)",
                "Access ended (1):", "  payments/staging — ended at 09:58",
                "---", "Sign out", "Quit Latchkey");
        menu.stream().filter(i -> i instanceof TrayMenuItem.Action).map(i -> ((TrayMenuItem.Action) i).action())
                .forEach(Runnable::run);
        assertThat(ran).containsExactly("open", "sign out", "quit");
    }

    @Test
    void signedOutWithNothingRunningSaysSo() {
        assertThat(labels(TrayMenu.build(List.of(), List.of(), List.of(), false, NOW, ZoneOffset.UTC, actions))).containsExactly(
                "Open Latchkey", "---", "Running apps (0):", "  None running", "Active grants (0):", "  No active grants",
                "---", "Quit Latchkey");
    }
}
