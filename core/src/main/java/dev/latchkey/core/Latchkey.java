package dev.latchkey.core;

import dev.latchkey.core.keychain.KeychainPromptListener;
import java.net.URI;

/** The front door of the core library for the app and the CLI. */
public final class Latchkey {

    private Latchkey() {
    }

    /**
     * A session with {@code broker} using the OS keychain, or a memory-only session when the
     * keychain does not answer within {@link dev.latchkey.core.internal.keychain.KeychainProbe#DEFAULT_BOUND}.
     * Check {@link Session#storageMode()} and show it when it is memory-only.
     */
    public static Session session(URI broker) {
        return Session.builder(broker).build();
    }

    /**
     * The same, telling {@code prompts} when the keychain shows a prompt that Latchkey waits for
     * (a locked keychain asks for its password; up to 60 s), so the person knows to answer it.
     */
    public static Session session(URI broker, KeychainPromptListener prompts) {
        return Session.builder(broker).keychainPrompts(prompts).build();
    }
}
