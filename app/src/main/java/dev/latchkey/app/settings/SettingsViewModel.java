package dev.latchkey.app.settings;

import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.app.common.Theme;
import dev.latchkey.core.expiry.Thresholds;
import dev.latchkey.core.keychain.StorageMode;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Settings: the broker, where the session is kept and why, theme, notification lead times,
 * and signing out (which talks to the IdP, so it runs in the background).
 */
public final class SettingsViewModel {

    private final TaskRunner tasks;
    private final Callable<Boolean> signOut;
    private final Runnable onSignedOut;
    private final URI broker;
    private final StorageMode storage;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    private final StringProperty leadTimes = new SimpleStringProperty();
    private final ReadOnlyStringWrapper leadTimesError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    /**
     * @param signOut signs out (blocking); true when the IdP confirmed it revoked the session
     * @param applyTheme applies a chosen theme to the window
     * @param applyLeadTimes applies valid lead times to the expiry warnings
     */
    public SettingsViewModel(TaskRunner tasks, URI broker, StorageMode storage, Theme current, Thresholds lead,
                             Consumer<Theme> applyTheme, Consumer<Thresholds> applyLeadTimes,
                             Callable<Boolean> signOut, Runnable onSignedOut) {
        this.tasks = tasks;
        this.broker = broker;
        this.storage = storage;
        this.signOut = signOut;
        this.onSignedOut = onSignedOut;
        theme.set(current);
        theme.addListener((obs, old, now) -> applyTheme.accept(now));
        leadTimes.set(LeadTimes.format(lead));
        leadTimes.addListener((obs, old, text) -> {
            try {
                applyLeadTimes.accept(LeadTimes.parse(text));
                leadTimesError.set("");
            } catch (IllegalArgumentException e) {
                leadTimesError.set(Failures.describe(e));
            }
        });
    }

    public String broker() {
        return broker.toString();
    }

    /** Where the session is kept and what that means. */
    public String storage() {
        return switch (storage) {
            case StorageMode.Keychain k -> k.describe() + " It survives restarts until it expires; nothing secret is written to a file.";
            case StorageMode.MemoryOnly m -> m.describe();
        };
    }

    /** Signs out in the background; then the app returns to sign-in. */
    public void signOut() {
        busy.set(true);
        message.set("Signing out …");
        tasks.run(signOut, revoked -> {
            busy.set(false);
            message.set("");
            onSignedOut.run();
        }, failure -> {
            busy.set(false);
            message.set("Signing out did not finish: " + Failures.describe(failure) + " Try again.");
        });
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** Lead times as typed: {@code 15m, 5m}; applied as soon as they are valid. */
    public StringProperty leadTimesProperty() {
        return leadTimes;
    }

    public ReadOnlyStringProperty leadTimesErrorProperty() {
        return leadTimesError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
