package dev.latchkey.core.brokerapi;

import java.util.Objects;
import java.util.Optional;

/**
 * The broker refused what was sent: bad input (HTTP 400 {@code invalid_request}) or a request
 * beyond the scope's policy (HTTP 422 {@code policy_limit}, such as a duration over the maximum
 * or a justification too short). The message is the broker's, naming the limit.
 */
public final class InvalidRequestException extends BrokerException {

    private static final long serialVersionUID = 1L;

    /** Which of the two refusals it was. */
    public enum Kind {
        /** The input is malformed or missing (HTTP 400). */
        INVALID,
        /** The input is well-formed but the scope's policy does not allow it (HTTP 422). */
        POLICY_LIMIT
    }

    private final Kind kind;
    private final String field;

    /**
     * @param kind which refusal
     * @param field the request field at fault, or null when the broker named none
     * @param message what is wrong, in words a person can act on
     */
    public InvalidRequestException(Kind kind, String field, String message) {
        super(message, null);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = field;
    }

    /** Which refusal this is. */
    public Kind kind() {
        return kind;
    }

    /** The request field at fault (such as {@code duration}, {@code justification}), when the broker named one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
