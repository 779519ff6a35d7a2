package dev.latchkey.cli.common;

/**
 * What {@code latchkey} exits with. {@code run} exits with its child's own code instead
 * (128+n when a signal n ended the child), unless the launch never started.
 */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** The command line, a profile or an env file is wrong. */
    public static final int USAGE = 1;
    /** No session, or the broker no longer accepts it: {@code latchkey login}. */
    public static final int NOT_SIGNED_IN = 2;
    /** The broker refused: no access, a request is needed, or an unknown secret. */
    public static final int ACCESS_DENIED = 3;
    /**
     * The broker did not answer or answered with something unusable, or what the session needs did
     * not answer: the IdP (to refresh it) or the keychain (locked or stopped). Try again later; signing
     * in again would not help.
     */
    public static final int BROKER_UNREACHABLE = 4;
    /** {@code request --wait}: no decision before {@code --timeout}; the request stays pending. */
    public static final int STILL_PENDING = 5;
    /** {@code run}: the command could not be started (as a shell reports it). */
    public static final int CANNOT_START = 127;

    private ExitCodes() {
    }
}
