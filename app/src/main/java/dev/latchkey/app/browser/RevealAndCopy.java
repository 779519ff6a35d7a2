package dev.latchkey.app.browser;

import dev.latchkey.app.common.ClipboardAccess;
import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The only place a secret's value is held in the browser: on screen after a reveal and on the
 * clipboard after a copy, each taken away by its own timer. Kept apart from the view model so the
 * value's whole lifetime reads in one file. Callers check access first; UI thread only.
 */
final class RevealAndCopy {

    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final BrowserBackend backend;
    private final ClipboardAccess clipboard;
    private final ReadOnlyStringWrapper message;
    private final ReadOnlyObjectWrapper<SecretRow> revealedRow = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper revealedValue = new ReadOnlyStringWrapper("");
    private Scheduler.Cancellable hideReveal = () -> { };
    private Scheduler.Cancellable clearClipboard = () -> { };

    /** @param message the browser's line that says what just happened */
    RevealAndCopy(TaskRunner tasks, Scheduler scheduler, BrowserBackend backend, ClipboardAccess clipboard,
                  ReadOnlyStringWrapper message) {
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.backend = backend;
        this.clipboard = clipboard;
        this.message = message;
    }

    /** Fetches and shows {@code row}'s value for {@link SecretsBrowserViewModel#REVEAL_FOR}. */
    void reveal(SecretRow row) {
        message.set("Fetching " + row.ref() + " …");
        tasks.run(() -> backend.value(row.ref()), value -> {
            hideReveal.cancel();
            revealedRow.set(row);
            revealedValue.set(value);
            message.set("Showing " + row.ref() + " for " + SecretsBrowserViewModel.REVEAL_FOR.toSeconds() + " s.");
            hideReveal = scheduler.after(SecretsBrowserViewModel.REVEAL_FOR, this::hide);
        }, failure -> message.set(Failures.describe(failure)));
    }

    void hide() {
        hideReveal.cancel();
        revealedValue.set("");
        revealedRow.set(null);
        message.set("");
    }

    /** Copies {@code row}'s value; cleared after {@link SecretsBrowserViewModel#CLIPBOARD_FOR} if still there. */
    void copyValue(SecretRow row) {
        tasks.run(() -> backend.value(row.ref()), value -> {
            clearClipboard.cancel();
            clipboard.put(value);
            message.set("Copied the value of " + row.ref() + "; the clipboard is cleared in "
                    + SecretsBrowserViewModel.CLIPBOARD_FOR.toSeconds() + " s.");
            clearClipboard = scheduler.after(SecretsBrowserViewModel.CLIPBOARD_FOR, () -> {
                // Something the user copied since is theirs: leave it alone.
                if (clipboard.text().filter(value::equals).isPresent()) {
                    clipboard.clear();
                    message.set("Cleared the clipboard.");
                }
            });
        }, failure -> message.set(Failures.describe(failure)));
    }

    /** Copies {@code row}'s reference; no value involved. */
    void copyReference(SecretRow row) {
        clipboard.put(row.ref().toString());
        message.set("Copied " + row.ref() + ".");
    }

    ReadOnlyObjectProperty<SecretRow> revealedRowProperty() {
        return revealedRow.getReadOnlyProperty();
    }

    ReadOnlyStringProperty revealedValueProperty() {
        return revealedValue.getReadOnlyProperty();
    }
}
