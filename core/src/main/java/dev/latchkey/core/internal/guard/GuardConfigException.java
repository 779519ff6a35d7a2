package dev.latchkey.core.internal.guard;

/** A repository's {@code .latchkey-guard.toml} cannot be used; the message names the file and the fault. */
public final class GuardConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    GuardConfigException(String message) {
        super(message);
    }
}
