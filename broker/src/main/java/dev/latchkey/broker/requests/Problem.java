package dev.latchkey.broker.requests;

/**
 * Something wrong with a request, tied to the field a person would fix.
 *
 * @param kind how bad: malformed input, a caller who may not ask, or a policy limit
 * @param field the request field, such as {@code duration}
 * @param message what is wrong and what would do, never quoting more than a name
 */
public record Problem(Kind kind, String field, String message) {

    /** The kinds, in the order a submit reports them: the first kind present wins. */
    public enum Kind {
        /** The caller may not request this scope at all. */
        FORBIDDEN,
        /** A field is missing or malformed. */
        INVALID,
        /** The caller already holds a grant that gives what they ask for. */
        ALREADY_GRANTED,
        /** Well-formed, but beyond what the policy allows. */
        POLICY_LIMIT
    }
}
