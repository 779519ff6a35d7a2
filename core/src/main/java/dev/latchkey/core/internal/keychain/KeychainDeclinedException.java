package dev.latchkey.core.internal.keychain;

import dev.latchkey.core.keychain.KeychainException;

/**
 * The person dismissed the keychain's prompt (its unlock or access dialog), stopped waiting for
 * it, or left it unanswered: the keychain stays locked to Latchkey until they say otherwise.
 */
public final class KeychainDeclinedException extends KeychainException {

    private static final long serialVersionUID = 1L;

    public KeychainDeclinedException(String reason, String message, Throwable cause) {
        super(reason, message, cause);
    }
}
