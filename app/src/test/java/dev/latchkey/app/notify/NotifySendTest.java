package dev.latchkey.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.expiry.ExpiryBanner;
import dev.latchkey.core.expiry.ExpiryEvent;
import dev.latchkey.core.expiry.ExpiryMonitor;
import dev.latchkey.core.expiry.Thresholds;
import dev.latchkey.core.expiry.Expiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notifications without a tray go through a real notify-send child (a stand-in script on PATH here). */
class NotifySendTest {

    @TempDir
    Path bin;

    @Test
    void aNotificationIsOneChildWithTitleAndTextAndNothingElse() throws Exception {
        Path seen = bin.resolve("argv.txt");
        Path script = bin.resolve("notify-send");
        Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '" + seen + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        NotifySend notify = NotifySend.onPath(Map.of("PATH", bin.toString())).orElseThrow();

        Expiring grant = Expiring.grant("g_1", "payments/prod/db-url", Instant.parse("2026-11-29T10:15:00Z"));
        ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-29T10:00:00Z"));
        ExpiryBanner expiry = new ExpiryBanner(new ExpiryMonitor(scheduler.clock(), Thresholds.DEFAULT), Thresholds.DEFAULT,
                new BannerModel(), scheduler);
        String text = expiry.describe(new ExpiryEvent.Warning(grant, Duration.ofMinutes(15), Duration.ofMinutes(15)));
        notify.show("Latchkey", text, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(seen) && Files.readString(seen).contains("Finish up"));
        assertThat(Files.readAllLines(seen)).containsExactly("--app-name=Latchkey", "--urgency=normal", "--", "Latchkey",
                "Your access to payments/prod/db-url ends in 15 min (at 10:15). Finish up, or ask for more time.");
    }

    @Test
    void withoutNotifySendOnPathThereIsNone() {
        assertThat(NotifySend.onPath(Map.of("PATH", bin.toString()))).isEmpty();
        assertThat(NotifySend.onPath(Map.of())).isEmpty();
    }
}
