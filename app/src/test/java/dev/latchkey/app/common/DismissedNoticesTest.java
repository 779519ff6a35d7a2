package dev.latchkey.app.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the user dismissed outlives a restart, in a private file that holds notice keys and nothing else. */
class DismissedNoticesTest {

    @TempDir
    Path config;

    @Test
    void dismissalsAreRememberedAcrossRestartsInAPrivateFile() throws Exception {
        DismissedNotices first = DismissedNotices.in(config);
        first.add("grant:g_db@15m");
        first.add("no-tray");

        DismissedNotices again = DismissedNotices.in(config);
        assertThat(again.contains("grant:g_db@15m")).isTrue();
        assertThat(again.contains("grant:g_db@5m")).isFalse();
        assertThat(again.entries()).containsExactly("grant:g_db@15m", "no-tray");
        Path file = config.resolve(DismissedNotices.FILE);
        assertThat(Files.readString(file)).isEqualTo("grant:g_db@15m\nno-tray\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rwx------");
    }

    @Test
    void forgettingTheGrantsKeepsWhatIsAboutTheMachine() {
        DismissedNotices notices = DismissedNotices.in(config);
        notices.add("grant:g_db@15m");
        notices.add("no-tray");
        notices.forget(e -> e.startsWith("grant:"));
        assertThat(DismissedNotices.in(config).entries()).containsExactly("no-tray");
    }

    @Test
    void onlyKeysGetInNeverFreeText() {
        DismissedNotices notices = DismissedNotices.in(config);
        assertThatThrownBy(() -> notices.add("Your access to payments/prod ended"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notices.add("grant:g_1\npostgresql://x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(notices.entries()).isEmpty();
    }

    @Test
    void aDamagedOrForeignFileCostsOnlyItsBadLines() throws Exception {
        Files.writeString(config.resolve(DismissedNotices.FILE), "grant:g_1@5m\nsk_live_abc=123 oops\n\n");
        assertThat(DismissedNotices.in(config).entries()).containsExactly("grant:g_1@5m");
    }
}
