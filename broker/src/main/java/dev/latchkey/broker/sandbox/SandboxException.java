package dev.latchkey.broker.sandbox;

/** Why a sandbox token was not minted; the message says what to do and holds no token. */
public final class SandboxException extends RuntimeException {

    /** What kind of refusal, so the HTTP layer can pick the status. */
    public enum Kind {
        /** No such sandbox, or one the caller may not even see. */
        UNKNOWN_SANDBOX,
        /** The caller cannot read the sandbox's scope now. */
        NO_ACCESS,
        /** The requested lifetime cannot be read or is not positive. */
        BAD_TTL
    }

    private final Kind kind;

    SandboxException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
