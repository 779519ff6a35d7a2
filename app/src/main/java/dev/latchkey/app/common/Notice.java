package dev.latchkey.app.common;

import java.util.Objects;

/**
 * One message in the window's banner.
 *
 * @param key identifies the notice so it can be replaced or withdrawn (one per subject)
 * @param severity how it is drawn
 * @param text what happened and what to do; names and references only, never a value
 */
public record Notice(String key, Severity severity, String text) {

    /** How loud a notice is. */
    public enum Severity { INFO, WARNING, ERROR }

    public Notice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(text, "text");
    }
}
