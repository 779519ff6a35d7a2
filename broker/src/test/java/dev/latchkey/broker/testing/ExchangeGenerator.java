package dev.latchkey.broker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Requests drawn from docs/broker-api.yaml alone: ones it allows (every parameter and field
 * within its schema), and ones that break exactly one parameter or field in one way.
 */
public final class ExchangeGenerator {

    /** How a request with a parameter the call does not list breaks the document (its description, not a schema). */
    public static final String UNKNOWN_PARAMETER = "a query parameter the call does not take";

    /** Callers with tokens: each lets some calls through and stops others at their gates. */
    public static final List<String> USERS = List.of("ada", "grace", "root", "linus");

    private final List<OpenApiOperations.Op> ops = OpenApiOperations.all();

    /** A request the document allows. */
    public GeneratedExchange allowed(Random random) {
        OpenApiOperations.Op op = ops.get(random.nextInt(ops.size()));
        return allowed(op, random, USERS.get(random.nextInt(USERS.size())));
    }

    /**
     * A request that breaks one thing the document says, sent by a caller who passes the call's
     * gates (an admin for admin calls), so the broken thing is what the broker answers about.
     */
    public GeneratedExchange breaking(Random random) {
        while (true) {
            OpenApiOperations.Op op = ops.get(random.nextInt(ops.size()));
            String user = op.path().startsWith("/v1/admin") || op.path().equals("/v1/audit")
                    || op.path().equals("/v1/metrics") ? "root" : "ada";
            GeneratedExchange base = allowed(op, random, user);
            List<Supplier<GeneratedExchange>> ways = ways(base, random);
            if (!ways.isEmpty()) {
                return ways.get(random.nextInt(ways.size())).get();
            }
        }
    }

    private GeneratedExchange allowed(OpenApiOperations.Op op, Random random, String user) {
        Map<String, String> path = new LinkedHashMap<>();
        for (Parameter p : op.in("path")) {
            boolean example = p.getExample() != null && random.nextBoolean();
            path.put(p.getName(), example ? String.valueOf(p.getExample()) : SchemaValues.text(p.getSchema(), random));
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (Parameter p : op.in("query")) {
            if (Boolean.TRUE.equals(p.getRequired()) || random.nextBoolean()) {
                query.put(p.getName(), paramValue(p, random));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Parameter p : op.in("header")) {
            if (random.nextInt(3) == 0) {
                headers.put(p.getName(), paramValue(p, random));
            }
        }
        if (op.path().equals("/v1/events")) {
            headers.put("Accept", "application/json"); // a long poll, never a stream that stays open
        }
        String type = null;
        String body = null;
        if (op.body().isPresent() && (op.bodyRequired() || random.nextBoolean())) {
            type = op.bodyType().orElseThrow();
            JsonNode value = SchemaValues.valid(op.body().get(), random);
            body = type.equals("application/json") ? value.toString() : form(value);
        }
        return new GeneratedExchange(op, path, query, headers, type, body, user, null, null);
    }

    private static String paramValue(Parameter p, Random random) {
        Schema<?> s = p.getSchema();
        return switch (String.valueOf(s.getType())) {
            case "boolean" -> Boolean.TRUE.equals(p.getAllowEmptyValue()) && random.nextInt(3) == 0 ? ""
                    : String.valueOf(random.nextBoolean());
            // A long poll's wait is kept to a second so the run stays short; 0..30 is allowed.
            case "integer" -> String.valueOf(p.getName().equals("wait") ? random.nextInt(2) : SchemaValues.integer(s, random));
            default -> SchemaValues.text(s, random);
        };
    }

    private static List<Supplier<GeneratedExchange>> ways(GeneratedExchange base, Random random) {
        List<Supplier<GeneratedExchange>> ways = new ArrayList<>();
        String unknown = "zz" + Integer.toString(random.nextInt(1 << 20), 36);
        ways.add(() -> withQuery(base, unknown, "1", unknown, UNKNOWN_PARAMETER));
        for (Parameter p : base.op().in("query")) {
            badValues(p).forEach((how, value) -> ways.add(() -> withQuery(base, p.getName(), value, p.getName(), how)));
        }
        for (Parameter p : base.op().in("header")) {
            badValues(p).forEach((how, value) -> ways.add(() -> {
                Map<String, String> headers = GeneratedExchange.copy(base.headers());
                headers.put(p.getName(), value);
                return with(base, base.pathParams(), base.query(), headers, base.body(), p.getName(), how);
            }));
        }
        for (Parameter p : base.op().in("path")) {
            SchemaValues.textBreakers(p.getSchema(), random).forEach((how, value) -> {
                if (!value.isEmpty()) { // an empty segment is another path, not this one
                    ways.add(() -> {
                        Map<String, String> path = GeneratedExchange.copy(base.pathParams());
                        path.put(p.getName(), value);
                        return with(base, path, base.query(), base.headers(), base.body(), p.getName(), how);
                    });
                }
            });
        }
        base.op().body().ifPresent(schema -> bodyWays(base, SchemaValues.unwrap(schema), random, ways));
        return ways;
    }

    @SuppressWarnings("unchecked")
    private static void bodyWays(GeneratedExchange base, Schema<?> schema, Random random,
            List<Supplier<GeneratedExchange>> ways) {
        if (schema.getProperties() == null) {
            return;
        }
        boolean json = base.op().bodyType().orElse("").equals("application/json");
        ObjectNode valid = (ObjectNode) SchemaValues.valid(schema, random);
        for (Map.Entry<String, Schema<?>> property : ((Map<String, Schema<?>>) (Map<?, ?>) schema.getProperties())
                .entrySet()) {
            String name = property.getKey();
            if (schema.getRequired() != null && schema.getRequired().contains(name)) {
                ObjectNode without = valid.deepCopy();
                without.remove(name);
                ways.add(() -> withBody(base, json ? without.toString() : form(without), name, "left out"));
            }
            for (Map.Entry<String, JsonNode> bad : SchemaValues.invalid(property.getValue(), random)) {
                if (!json && !bad.getValue().isTextual()) {
                    continue; // a form field is always text
                }
                ObjectNode broken = valid.deepCopy();
                broken.set(name, bad.getValue());
                ways.add(() -> withBody(base, json ? broken.toString() : form(broken), name, bad.getKey()));
            }
        }
    }

    private static Map<String, String> badValues(Parameter p) {
        Schema<?> s = p.getSchema();
        Map<String, String> out = new LinkedHashMap<>();
        if ("boolean".equals(s.getType())) {
            out.put("not true or false", "maybe");
            out.put("a number for a flag", "4.17e279");
        } else if ("integer".equals(s.getType())) {
            out.put("not a whole number", "1.5");
            out.put("text for a number", "soon");
            if (s.getMinimum() != null) {
                out.put("below the minimum", String.valueOf(s.getMinimum().longValue() - 1));
            }
            if (s.getMaximum() != null) {
                out.put("above the maximum", String.valueOf(s.getMaximum().longValue() + 1));
            }
        }
        return out;
    }

    private static GeneratedExchange withQuery(GeneratedExchange base, String name, String value, String breaks,
            String how) {
        Map<String, String> query = GeneratedExchange.copy(base.query());
        query.put(name, value);
        return with(base, base.pathParams(), query, base.headers(), base.body(), breaks, how);
    }

    private static GeneratedExchange withBody(GeneratedExchange base, String body, String breaks, String how) {
        return with(base, base.pathParams(), base.query(), base.headers(), body, breaks, how);
    }

    private static GeneratedExchange with(GeneratedExchange base, Map<String, String> path, Map<String, String> query,
            Map<String, String> headers, String body, String breaks, String how) {
        String type = body == null ? null : base.op().bodyType().orElse(null);
        return new GeneratedExchange(base.op(), path, query, headers, type, body, base.user(), breaks, how);
    }

    private static String form(JsonNode fields) {
        StringBuilder out = new StringBuilder();
        fields.properties().forEach(f -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(f.getValue().asText(), StandardCharsets.UTF_8));
        });
        return out.toString();
    }
}
