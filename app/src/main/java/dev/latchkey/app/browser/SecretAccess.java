package dev.latchkey.app.browser;

import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.Scope;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The caller's access to one secret at one instant, decided per grant: standing access to its
 * scope, or a grant that covers this very secret and is active now. A grant for another secret of
 * the same scope gives none, however long it runs. Pure, so the browser's buttons are tested
 * with a test clock and no broker.
 */
public sealed interface SecretAccess {

    /** The policy gives the caller standing read access to the scope. */
    record Standing() implements SecretAccess {
    }

    /**
     * {@code grant} covers the secret now, and access lasts until {@code until} (a scheduled
     * extension that starts by the grant's end carries it on).
     */
    record Granted(Grant grant, Instant until) implements SecretAccess {
    }

    /** Some of the scope's secrets are granted, but not this one. */
    record NotCovered(String scope, String secret) implements SecretAccess {
    }

    /** No grant covers it now; the caller may request access. */
    record Requestable(String scope) implements SecretAccess {
    }

    /** The caller may neither read nor request it. */
    record None(String scope) implements SecretAccess {
    }

    /** The access to secret {@code name} of {@code scope} at {@code now}, given the caller's grants. */
    static SecretAccess of(Scope scope, String name, List<Grant> grants, Instant now) {
        if (scope.access() == Scope.Access.STANDING) {
            return new Standing();
        }
        Grant best = null;
        for (Grant g : grants) {
            if (g.scope().equals(scope.name()) && g.covers(name) && g.activeAt(now)
                    && (best == null || g.endsAt().isAfter(best.endsAt()))) {
                best = g;
            }
        }
        if (best != null) {
            Instant until = best.endsAt();
            boolean carriedOn = true;
            while (carriedOn) { // an extension starts where its grant ends, and may itself be extended
                carriedOn = false;
                for (Grant g : grants) {
                    if (g.scope().equals(scope.name()) && g.covers(name) && g.revokedAt().isEmpty()
                            && !g.startsAt().orElse(now).isAfter(until) && g.endsAt().isAfter(until)) {
                        until = g.endsAt();
                        carriedOn = true;
                    }
                }
            }
            return new Granted(best, until);
        }
        boolean someGranted = grants.stream().anyMatch(g -> g.scope().equals(scope.name()) && g.activeAt(now));
        if (someGranted) {
            return new NotCovered(scope.name(), name);
        }
        return scope.access() == Scope.Access.NONE ? new None(scope.name()) : new Requestable(scope.name());
    }

    /** Whether Reveal and Copy value may ask for the value. */
    default boolean readable() {
        return this instanceof Standing || this instanceof Granted;
    }

    /** The table's words: {@code standing}, {@code granted until 14:06}, {@code not granted}, ... */
    default String text(ZoneId zone) {
        return switch (this) {
            case Standing s -> "standing";
            case Granted g -> "granted until " + DateTimeFormatter.ofPattern("HH:mm").format(g.until().atZone(zone));
            case NotCovered n -> "not granted";
            case Requestable r -> "requestable";
            case None n -> "none";
        };
    }

    /** The chip's colour in the Access column: standing, granted, not-granted, requestable or none. */
    default String kind() {
        return switch (this) {
            case Standing s -> "standing";
            case Granted g -> "granted";
            case NotCovered n -> "not-granted";
            case Requestable r -> "requestable";
            case None n -> "none";
        };
    }

    /** Whether a request could give it: the scope may be requested and no grant covers this secret now. */
    default boolean requestable() {
        return this instanceof Requestable || this instanceof NotCovered;
    }

    /** Why Reveal and Copy value are off, and what to do; empty when they are on. */
    default String whyNot() {
        return switch (this) {
            case Standing s -> "";
            case Granted g -> "";
            case NotCovered n -> "Your grant for " + n.scope() + " does not cover " + n.secret()
                    + ". Request access to it to read its value.";
            case Requestable r -> "You have no access to " + r.scope() + " now. Request access to read its values.";
            case None n -> "You may not read values in " + n.scope() + ".";
        };
    }
}
