package dev.latchkey.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.app.common.Theme;
import dev.latchkey.core.auth.IdpUnreachableException;
import dev.latchkey.core.expiry.Thresholds;
import dev.latchkey.core.keychain.StorageMode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class SettingsViewModelTest {

    private final List<Theme> themes = new ArrayList<>();
    private final List<Thresholds> leads = new ArrayList<>();
    private int signedOut;

    private SettingsViewModel model(StorageMode mode, Callable<Boolean> signOut) {
        return new SettingsViewModel(new SameThreadTaskRunner(), URI.create("http://127.0.0.1:1"), mode, Theme.LIGHT,
                Thresholds.DEFAULT, themes::add, leads::add, signOut, () -> signedOut++);
    }

    @Test
    void leadTimesApplyWhenValidAndSayWhatToWriteWhenNot() {
        SettingsViewModel model = model(new StorageMode.Keychain("Secret Service"), () -> true);
        assertThat(model.leadTimesProperty().get()).isEqualTo("15m, 5m");
        model.leadTimesProperty().set("1h, 10m");
        assertThat(leads).containsExactly(new Thresholds(List.of(Duration.ofHours(1), Duration.ofMinutes(10))));
        model.leadTimesProperty().set("soon");
        assertThat(model.leadTimesErrorProperty().get()).contains("'soon' is not a duration").contains("1h30m");
        assertThat(leads).hasSize(1);
        assertThat(LeadTimes.format(new Thresholds(List.of(Duration.ofHours(2), Duration.ofMinutes(90))))).isEqualTo("2h, 1h30m");
        assertThatThrownBy(() -> LeadTimes.parse(" , ")).hasMessageContaining("at least one");
        assertThat(LeadTimes.parse("1h30m, PT10M, 2d").leadTimes())
                .as("the grammar every other duration field reads")
                .containsExactly(Duration.ofDays(2), Duration.ofMinutes(90), Duration.ofMinutes(10));
    }

    @Test
    void theStorageModeSaysWhereAndWhy() {
        assertThat(model(new StorageMode.MemoryOnly("no Secret Service on the session bus"), () -> true).storage())
                .contains("Memory-only").contains("no Secret Service on the session bus").contains("signed out when Latchkey quits");
        assertThat(model(new StorageMode.Keychain("Secret Service"), () -> true).storage())
                .contains("OS keychain").contains("survives restarts");
    }

    @Test
    void themeChangesApplyAtOnce() {
        SettingsViewModel model = model(new StorageMode.Keychain("Secret Service"), () -> true);
        model.themeProperty().set(Theme.DARK);
        assertThat(themes).containsExactly(Theme.DARK);
    }

    @Test
    void signingOutReturnsToSignInAndAFailureSaysTryAgain() {
        model(new StorageMode.Keychain("Secret Service"), () -> false).signOut();
        assertThat(signedOut).isEqualTo(1);
        SettingsViewModel failing = model(new StorageMode.Keychain("Secret Service"), () -> {
            throw new IdpUnreachableException("cannot reach http://127.0.0.1:1/dev-idp");
        });
        failing.signOut();
        assertThat(signedOut).isEqualTo(1);
        assertThat(failing.messageProperty().get()).contains("Cannot reach http://127.0.0.1:1/dev-idp").endsWith("Try again.");
        assertThat(failing.busyProperty().get()).isFalse();
    }
}
