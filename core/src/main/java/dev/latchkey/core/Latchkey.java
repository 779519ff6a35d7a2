package dev.latchkey.core;

import java.net.URI;

/** The front door of the core library for the app and the CLI. */
public final class Latchkey {

    private Latchkey() {
    }

    /**
     * A session with {@code broker} using the OS keychain, or a memory-only session when the
     * keychain does not answer within {@link dev.latchkey.core.keychain.KeychainProbe#DEFAULT_BOUND}.
     * Check {@link Session#storageMode()} and show it when it is memory-only.
     */
    public static Session session(URI broker) {
        return Session.builder(broker).build();
    }
}
