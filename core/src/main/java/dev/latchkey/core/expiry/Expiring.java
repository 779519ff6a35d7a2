package dev.latchkey.core.expiry;

import java.time.Instant;
import java.util.Objects;

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

    public Expiring {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(endsAt, "endsAt");
    }
}
