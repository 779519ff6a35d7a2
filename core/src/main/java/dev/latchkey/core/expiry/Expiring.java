package dev.latchkey.core.expiry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that stops working at a known instant: the IdP session, a grant, a sandbox token,
 * what a running launch was given.
 *
 * @param id identifies the item among those watched (watching the same id again replaces it)
 * @param kind what sort of thing it is, for grouping and wording
 * @param label what a person calls it: a scope, a sandbox, a launch profile; never a value
 * @param endsAt when it stops working
 */
public record Expiring(String id, Kind kind, String label, Instant endsAt) {

    /** What sort of thing expires. */
    public enum Kind { SESSION, GRANT, SANDBOX_TOKEN, LAUNCH }

    /** The id prefix of a broker grant's item: {@code grant:g_...}. */
    private static final String GRANT_PREFIX = "grant:";

    public Expiring {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(endsAt, "endsAt");
    }

    /**
     * A broker grant, one item per grant: its id is {@code grant:} and the grant's id, so the app
     * and a launch that watch the same grant name it alike and {@link #grantId()} finds it again.
     *
     * @param label what it covers, such as {@code payments/prod/db-url}
     */
    public static Expiring grant(String grantId, String label, Instant endsAt) {
        if (grantId.isBlank()) {
            throw new IllegalArgumentException("a grant's item needs the grant's id");
        }
        return new Expiring(GRANT_PREFIX + grantId, Kind.GRANT, label, endsAt);
    }

    /** The broker grant this item is, for items made by {@link #grant}. */
    public Optional<String> grantId() {
        return kind == Kind.GRANT && id.startsWith(GRANT_PREFIX) ? Optional.of(id.substring(GRANT_PREFIX.length()))
                : Optional.empty();
    }
}
