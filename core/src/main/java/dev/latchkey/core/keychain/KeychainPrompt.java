package dev.latchkey.core.keychain;

import dev.latchkey.core.internal.keychain.KeychainCalls;
import java.util.Objects;
import java.time.Duration;

/**
 * The keychain is showing one of its own prompts and Latchkey waits for the person to answer it.
 * Surfaces say {@link #message()} (the CLI on stderr, the app in a banner with a Cancel button
 * that calls {@link #cancel()}).
 *
 * @param kind what the keychain asks for
 * @param limit how long Latchkey waits before it gives up
 * @param cancelWait stops waiting: the prompt is dismissed and the call ends as declined
 */
public record KeychainPrompt(Kind kind, Duration limit, Runnable cancelWait) {

    /** What the keychain asks the person for. */
    public enum Kind {
        /** Type the keychain's password (a locked collection or database). */
        UNLOCK,
        /** Allow Latchkey to use entries another program put there (KeePassXC's access request). */
        ACCESS,
        /** Answer whatever the keychain asks (a confirmation, a new keychain's password). */
        ANSWER
    }

    public KeychainPrompt {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(cancelWait, "cancelWait");
    }

    /** One line for the person, such as "Unlock your keychain to continue — waiting up to 60 s". */
    public String message() {
        String ask = switch (kind) {
            case UNLOCK -> "Unlock your keychain to continue";
            case ACCESS -> "Allow Latchkey to use its entries in your keychain to continue";
            case ANSWER -> "Answer your keychain's prompt to continue";
        };
        return ask + " — waiting up to " + KeychainCalls.seconds(limit);
    }

    /** Stops waiting; the keychain's prompt is dismissed. */
    public void cancel() {
        cancelWait.run();
    }
}
