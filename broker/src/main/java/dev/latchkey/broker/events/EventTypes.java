package dev.latchkey.broker.events;

import java.util.Map;
import java.util.Set;

/**
 * The documented event types and the fields each may carry (docs/broker-api.yaml, "Events").
 * The journal keeps only these fields: an event is read by whoever it is addressed to and kept
 * for days, so a value or a token handed to {@code publish} by mistake must not reach a client.
 */
public final class EventTypes {

    public static final String REQUEST_CREATED = "request.created";
    public static final String REQUEST_DECIDED = "request.decided";
    public static final String GRANT_STARTING = "grant.starting";
    public static final String GRANT_ENDING_SOON = "grant.ending-soon";
    public static final String GRANT_ENDED = "grant.ended";
    public static final String GRANT_REVOKED = "grant.revoked";

    /** Every event carries {@code at}; the journal fills it in when the publisher did not. */
    public static final String AT = "at";

    private static final Map<String, Set<String>> FIELDS = Map.of(
            REQUEST_CREATED, Set.of("requestId", "scope", "requester", "durationSeconds"),
            REQUEST_DECIDED, Set.of("requestId", "scope", "state", "decidedBy", "reason", "grantId"),
            GRANT_STARTING, Set.of("grantId", "scope", "startsAt", "endsAt"),
            GRANT_ENDING_SOON, Set.of("grantId", "scope", "endsAt"),
            GRANT_ENDED, Set.of("grantId", "scope", "endsAt"),
            GRANT_REVOKED, Set.of("grantId", "scope", "revokedBy", "reason"));

    private EventTypes() {
    }

    /** Every documented type. */
    public static Set<String> all() {
        return FIELDS.keySet();
    }

    /** Whether {@code field} belongs in an event of {@code type}. */
    static boolean allows(String type, String field) {
        return AT.equals(field) || FIELDS.getOrDefault(type, Set.of()).contains(field);
    }
}
