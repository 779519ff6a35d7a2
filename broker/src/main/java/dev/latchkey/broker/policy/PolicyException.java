package dev.latchkey.broker.policy;

/**
 * A policy file that cannot be used, with where the problem is: {@code file:line: field: what}.
 * A policy that throws this is never applied, not even in part.
 */
public final class PolicyException extends RuntimeException {

    private final String source;
    private final int line;
    private final String field;

    public PolicyException(String source, int line, String field, String problem) {
        super(source + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    public String source() {
        return source;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }

    /** The dotted path of the offending field, such as {@code scopes.payments/dev.maxRequest}. */
    public String field() {
        return field;
    }
}
