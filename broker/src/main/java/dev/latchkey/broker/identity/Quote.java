package dev.latchkey.broker.identity;

/** A value from a token or an IdP's answer, quoted and clipped for a message. */
final class Quote {

    private Quote() {
    }

    /** {@code 'value'}, at most 100 characters of it, or {@code (none)}. */
    static String of(String s) {
        return s == null ? "(none)" : "'" + (s.length() > 100 ? s.substring(0, 100) + "..." : s) + "'";
    }
}
