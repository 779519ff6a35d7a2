package dev.latchkey.app.common;

import java.util.List;
import java.util.Objects;

/**
 * One message in the window's banner.
 *
 * @param key identifies the notice so it can be replaced or withdrawn (one per subject)
 * @param severity how it is drawn
 * @param text what happened and what to do; names and references only, never a value
 * @param actions what the notice offers, such as "Extend …" on a grant's warning
 * @param dismissible whether Dismiss is offered too; a notice that lasts only while something
 *     waits (such as a keychain prompt) offers its own way out instead
 */
public record Notice(String key, Severity severity, String text, List<Action> actions, boolean dismissible) {

    /** How loud a notice is. */
    public enum Severity { INFO, WARNING, ERROR }

    /**
     * A button on a notice.
     *
     * @param label the button's text, with an optional {@code _} mnemonic
     * @param id the button's node id (unique in the window: include the notice's subject)
     * @param run what it does, on the UI thread
     */
    public record Action(String label, String id, Runnable run) {
        public Action {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(run, "run");
        }
    }

    public Notice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(text, "text");
        actions = List.copyOf(actions);
    }

    /** A notice with only Dismiss. */
    public Notice(String key, Severity severity, String text) {
        this(key, severity, text, List.of(), true);
    }

    /** A notice with {@code actions} and Dismiss. */
    public Notice(String key, Severity severity, String text, List<Action> actions) {
        this(key, severity, text, actions, true);
    }

    /** A notice that stays while something waits, with {@code wayOut} as its one button instead of Dismiss. */
    public static Notice whileWaiting(String key, Severity severity, String text, Action wayOut) {
        return new Notice(key, severity, text, List.of(wayOut), false);
    }
}
