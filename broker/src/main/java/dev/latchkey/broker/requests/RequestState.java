package dev.latchkey.broker.requests;

import java.util.Locale;

/**
 * Where an access request stands. {@code PENDING} is the only state a decision leaves;
 * {@code APPROVED} becomes {@code REVOKED} when its grant is taken back. Nothing else moves.
 */
public enum RequestState {
    PENDING, APPROVED, DENIED, CANCELLED, EXPIRED, REVOKED;

    /** The API's and the database's word for it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RequestState of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
