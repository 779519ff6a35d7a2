package dev.latchkey.core.keychain;

import dev.latchkey.core.internal.keychain.KeychainProbe;
import java.nio.file.Path;

/**
 * The OS keychain as Latchkey itself opens it, for code that reads or writes entries without a
 * {@link dev.latchkey.core.Session}: tools and benchmarks that must take the same path as Latchkey
 * (on Linux, the Secret Service through libsecret when it loads, java-keyring otherwise).
 * What a session keeps where is described on {@link CredentialKey}.
 */
public final class Keychains {

    private Keychains() {
    }

    /**
     * The store a session uses by default: the keychain, probed within a few seconds, or an
     * in-memory store that says why when the keychain does not answer (never a file).
     */
    public static CredentialStore open() {
        return KeychainProbe.open();
    }

    /**
     * The store for a short-lived process that reads an entry or two: on Linux with libsecret,
     * each read is one keychain call with no probe first, and a missing or failing keychain shows
     * on the read as a {@link KeychainException}. Elsewhere the same as {@link #open()}.
     */
    public static CredentialStore reader() {
        return KeychainProbe.reader();
    }

    /**
     * {@link #reader()}'s store on Linux, where each read is one run of libsecret's
     * {@code secret-tool}, over the program given here in place of the distribution's; a read it
     * does not answer plainly fails as a missing keychain (libsecret is not loaded). An
     * ahead-of-time training runs a hook's key read against a stand-in program this way, so the
     * cache it writes holds that code though the training never reaches a keychain.
     */
    public static CredentialStore readerThrough(Path secretTool) {
        return KeychainProbe.readerThrough(secretTool, false);
    }

    /**
     * Prepares the keychain's calls (on Linux, binds libsecret's functions and loads the store's
     * classes) without calling the keychain: an ahead-of-time training run calls this, so the
     * cache it writes holds the code that reading a session from the keychain runs, though the
     * training itself never opens a keychain. Does nothing where libsecret is not used.
     */
    public static void prepareCalls() {
        KeychainProbe.bindStoreCalls();
    }
}
