package dev.latchkey.app.common;

import java.util.Objects;
import java.util.Optional;

/**
 * One message in the window's banner.
 *
 * @param key identifies the notice so it can be replaced or withdrawn (one per subject)
 * @param severity how it is drawn
 * @param text what happened and what to do; names and references only, never a value
 * @param action the one thing the person can do about it (such as Cancel), shown instead of Dismiss
 */
public record Notice(String key, Severity severity, String text, Optional<Action> action) {

    /** How loud a notice is. */
    public enum Severity { INFO, WARNING, ERROR }

    /**
     * A button on a notice.
     *
     * @param label the button's text
     * @param run what pressing it does (on the UI thread)
     */
    public record Action(String label, Runnable run) {
        public Action {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(run, "run");
        }
    }

    public Notice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(action, "action");
    }

    /** A notice the person can dismiss. */
    public Notice(String key, Severity severity, String text) {
        this(key, severity, text, Optional.empty());
    }
}
