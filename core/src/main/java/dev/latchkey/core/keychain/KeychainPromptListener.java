package dev.latchkey.core.keychain;

/**
 * Hears when the keychain puts up a prompt that Latchkey waits for, and when the wait ends.
 * Called from a background thread: hand the work to the UI thread, and return quickly.
 */
public interface KeychainPromptListener {

    /** Hears of nothing: the wait still happens, silently. */
    KeychainPromptListener NONE = new KeychainPromptListener() {
        @Override
        public void waiting(KeychainPrompt prompt) {
        }

        @Override
        public void ended(KeychainPrompt prompt) {
        }
    };

    /** The keychain shows {@code prompt}; Latchkey waits up to {@link KeychainPrompt#limit()}. */
    void waiting(KeychainPrompt prompt);

    /** The wait for {@code prompt} is over: answered, declined, cancelled or timed out. */
    void ended(KeychainPrompt prompt);
}
