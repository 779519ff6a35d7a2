package dev.latchkey.core.brokerapi;

/**
 * The call does not fit the current state (HTTP 409), such as approving a request that was
 * already decided. The message is the broker's and says what the state is.
 */
public final class ConflictException extends BrokerException {

    private static final long serialVersionUID = 1L;

    /** The broker's code when the caller already holds a grant that gives what they asked for. */
    public static final String ALREADY_GRANTED = "already_granted";

    private final String code;

    public ConflictException(String message) {
        this(message, "conflict");
    }

    /** @param code the broker's error code, such as {@code conflict} or {@link #ALREADY_GRANTED} */
    public ConflictException(String message, String code) {
        super(message, null);
        this.code = code == null || code.isEmpty() ? "conflict" : code;
    }

    /** The broker's error code. */
    public String code() {
        return code;
    }

    /** Whether the caller already holds what they asked for (extend that grant instead). */
    public boolean alreadyGranted() {
        return ALREADY_GRANTED.equals(code);
    }
}
