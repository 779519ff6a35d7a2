package dev.latchkey.broker.grants;

import java.util.Locale;

/** Where a grant stands at an instant; the API's word for each is {@link #word()}. */
public enum GrantState {
    /** Approved, and its window has not begun. */
    SCHEDULED,
    /** Its window holds the instant: the grantee may read. */
    ACTIVE,
    /** Its window is over. */
    ENDED,
    /** Someone took it back. */
    REVOKED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
