package dev.latchkey.core.keychain;

import java.util.Objects;

/**
 * Where the signed-in session is kept, for the app's banner and {@code latchkey status}.
 * Latchkey never keeps a session in a plaintext file, so these are the only two answers.
 */
public sealed interface StorageMode {

    /** One or two sentences for a status line, ending with a full stop. */
    String describe();

    /**
     * In the OS keychain: the session survives restarts until its tokens expire.
     *
     * @param backend which keychain, such as "Secret Service: KeePassXC" or "macOS Keychain"
     */
    record Keychain(String backend) implements StorageMode {
        public Keychain {
            Objects.requireNonNull(backend, "backend");
        }

        @Override
        public String describe() {
            return "Signed-in session kept in the OS keychain (" + backend + ").";
        }
    }

    /**
     * In this process's memory only: quitting signs you out.
     *
     * @param reason why no keychain is used, in plain words a person can act on, such as "you
     *     declined to unlock the keychain"; a trailing full stop is dropped
     */
    record MemoryOnly(String reason) implements StorageMode {
        public MemoryOnly {
            Objects.requireNonNull(reason, "reason");
            reason = reason.strip();
            while (reason.endsWith(".")) {
                reason = reason.substring(0, reason.length() - 1).strip();
            }
        }

        @Override
        public String describe() {
            return "Memory-only session: " + reason + ". You will be signed out when Latchkey quits.";
        }
    }
}
