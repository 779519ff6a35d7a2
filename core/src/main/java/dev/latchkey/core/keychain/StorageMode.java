package dev.latchkey.core.keychain;

/**
 * Where the signed-in session is kept, for the app's banner and {@code latchkey status}.
 * Latchkey never keeps a session in a plaintext file, so these are the only two answers.
 */
public sealed interface StorageMode {

    /** A short sentence for a status line. */
    String describe();

    /** In the OS keychain: the session survives restarts until its tokens expire. */
    record Keychain(String backend) implements StorageMode {
        @Override
        public String describe() {
            return "Signed-in session kept in the OS keychain (" + backend + ")";
        }
    }

    /**
     * In this process's memory only: quitting signs you out.
     *
     * @param reason why no keychain could be used, in words a person can act on
     */
    record MemoryOnly(String reason) implements StorageMode {
        @Override
        public String describe() {
            return "Memory-only session: no keychain is available (" + reason
                    + "). You will be signed out when Latchkey quits.";
        }
    }
}
