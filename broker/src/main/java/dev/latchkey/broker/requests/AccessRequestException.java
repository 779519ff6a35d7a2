package dev.latchkey.broker.requests;

import java.util.Optional;

/**
 * A request or decision that cannot go ahead. The message says why in words a person can act
 * on; it names requests, scopes and people, never a value or a token.
 */
public final class AccessRequestException extends RuntimeException {

    /** Why it cannot go ahead; the HTTP layer maps each to a status. */
    public enum Kind {
        /** Malformed or missing input (400). */
        INVALID,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** No such request or grant, or the caller may not see it (404). */
        NOT_FOUND,
        /** It has moved on: decided, cancelled, expired, ended (409). */
        CONFLICT,
        /** The caller already holds a grant that gives what they ask for (409); extend that one instead. */
        ALREADY_GRANTED,
        /** Beyond the policy's limits (422). */
        POLICY_LIMIT
    }

    private final Kind kind;
    private final String field;

    public AccessRequestException(Kind kind, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    static AccessRequestException of(Problem p) {
        Kind kind = switch (p.kind()) {
            case FORBIDDEN -> Kind.FORBIDDEN;
            case INVALID -> Kind.INVALID;
            case ALREADY_GRANTED -> Kind.ALREADY_GRANTED;
            case POLICY_LIMIT -> Kind.POLICY_LIMIT;
        };
        return new AccessRequestException(kind, p.field(), p.message());
    }

    static AccessRequestException notFound(String what) {
        return new AccessRequestException(Kind.NOT_FOUND, null, "there is no " + what + " you can see");
    }

    static AccessRequestException forbidden(String message) {
        return new AccessRequestException(Kind.FORBIDDEN, null, message);
    }

    static AccessRequestException conflict(String message) {
        return new AccessRequestException(Kind.CONFLICT, null, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, for validation errors. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
