package dev.latchkey.broker.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A request's query parameters as docs/broker-api.yaml lists them for the call: an unknown
 * parameter, a repeated one or a value of the wrong type is a 400 naming it.
 */
final class Query {

    private final Map<String, List<String>> params;

    private Query(Map<String, List<String>> params) {
        this.params = params;
    }

    /** The query of {@code ctx}, which may hold only {@code allowed}. */
    static Query of(Context ctx, String... allowed) {
        Map<String, List<String>> params = ctx.queryParamMap();
        Set<String> known = Set.of(allowed);
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!known.contains(p.getKey())) {
                throw new ApiException(400, "invalid_request", known.isEmpty()
                        ? "this call takes no query parameters; leave out '" + HttpInput.clip(p.getKey()) + "'"
                        : "unknown query parameter '" + HttpInput.clip(p.getKey()) + "'; this call takes "
                                + String.join(", ", known.stream().sorted().toList()), HttpInput.clip(p.getKey()));
            }
            if (p.getValue().size() > 1) {
                throw new ApiException(400, "invalid_request", "give '" + p.getKey() + "' once", p.getKey());
            }
        }
        return new Query(params);
    }

    /** A boolean: {@code ?name}, {@code ?name=true} or {@code ?name=false}; absent is false. */
    boolean flag(String name) {
        String v = value(name);
        if (v == null) {
            return false;
        }
        return switch (v) {
            case "", "true" -> true;
            case "false" -> false;
            default -> throw new ApiException(400, "invalid_request", "'" + name + "' is true or false", name);
        };
    }

    /** A whole number from {@code min} to {@code max}, or empty when absent. */
    OptionalLong number(String name, long min, long max) {
        String v = value(name);
        if (v == null) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return OptionalLong.of(n);
            }
        } catch (NumberFormatException e) {
            // Said below, with the range.
        }
        throw new ApiException(400, "invalid_request", "'" + name + "' is a whole number from " + min + " to " + max,
                name);
    }

    private String value(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
