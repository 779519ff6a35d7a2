package dev.latchkey.core.brokerapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.internal.brokerapi.Exposure;
import dev.latchkey.core.internal.json.StrictJson;
import java.time.Duration;
import java.util.Collection;

/**
 * The JSON bodies {@link BrokerClient} sends, in the broker API's words ({@code docs/broker-api.yaml});
 * what comes back is read by {@link Replies} and {@link LookupReplies}.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /** {@code POST /v1/access-requests} (and its dry run). */
    static ObjectNode form(AccessRequestForm form) {
        ObjectNode body = BrokerCalls.jackson().createObjectNode();
        body.put("scope", form.scope());
        if (!form.secrets().isEmpty()) {
            ArrayNode s = body.putArray("secrets");
            form.secrets().forEach(s::add);
        }
        body.put("justification", form.justification());
        body.put("duration", form.duration().toString());
        form.startAt().ifPresent(t -> body.put("startAt", t.toString()));
        return body;
    }

    /** {@code POST /v1/secrets:resolve}, written without Jackson: a launch's one call makes no mapper. */
    static String refs(Collection<SecretRef> refs) {
        StringBuilder body = new StringBuilder("{\"refs\":[");
        String comma = "";
        for (SecretRef r : refs) {
            body.append(comma).append(StrictJson.quoted(r.toString()));
            comma = ",";
        }
        return body.append("]}").toString();
    }

    /** {@code :approve}, {@code :cancel}, {@code :revoke}: a reason only when one was given. */
    static ObjectNode reason(String reason) {
        ObjectNode body = BrokerCalls.jackson().createObjectNode();
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason);
        }
        return body;
    }

    /** {@code :deny}: the reason is always sent; the broker says when it is missing. */
    static ObjectNode denial(String reason) {
        ObjectNode body = BrokerCalls.jackson().createObjectNode();
        body.put("reason", reason == null ? "" : reason);
        return body;
    }

    /** {@code :extend}. */
    static ObjectNode extension(Duration duration, String justification) {
        ObjectNode body = BrokerCalls.jackson().createObjectNode();
        body.put("duration", duration.toString());
        body.put("justification", justification == null ? "" : justification);
        return body;
    }

    /** {@code POST /v1/sandbox-tokens}; without a ttl the sandbox's maximum. */
    static ObjectNode sandboxToken(String sandbox, Duration ttl) {
        ObjectNode body = BrokerCalls.jackson().createObjectNode();
        body.put("sandbox", sandbox);
        if (ttl != null) {
            body.put("ttl", ttl.toString());
        }
        return body;
    }

    /** {@code POST /v1/exposures}: counts by reference, never a value or a place. */
    static ObjectNode exposures(String source, Collection<Exposure> exposures) {
        ObjectNode body = BrokerCalls.jackson().createObjectNode();
        body.put("source", source);
        ArrayNode list = body.putArray("exposures");
        for (Exposure e : exposures) {
            list.addObject().put("ref", e.ref().toString()).put("kind", e.kind().wire()).put("count", e.count());
        }
        return body;
    }
}
