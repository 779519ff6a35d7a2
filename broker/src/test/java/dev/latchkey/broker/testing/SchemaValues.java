package dev.latchkey.broker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Values for a schema of docs/broker-api.yaml: valid ones drawn at random within every stated
 * limit, and for each limit a value just beyond it. Only what the document says is used.
 */
public final class SchemaValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Letters of several widths, so lengths are counted in code points, not UTF-16 units. */
    private static final String[] LETTERS = {"a", "Z", "0", " ", "-", "é", "日", "😀", "ß", "\"", "\\", "/"};
    private static final int SOFT_MAX_LENGTH = 40;
    private static final int SOFT_MAX_ITEMS = 3;

    private SchemaValues() {
    }

    /** A value of {@code schema}: an object gets its required properties and some optional ones. */
    public static JsonNode valid(Schema<?> schema, Random random) {
        Schema<?> s = unwrap(schema);
        String type = type(s);
        return switch (type) {
            case "object" -> {
                ObjectNode out = NODES.objectNode();
                properties(s).forEach((name, property) -> {
                    if (required(s).contains(name) || random.nextBoolean()) {
                        out.set(name, valid(property, random));
                    }
                });
                yield out;
            }
            case "array" -> {
                int min = s.getMinItems() == null ? 0 : s.getMinItems();
                int max = s.getMaxItems() == null ? SOFT_MAX_ITEMS : Math.min(s.getMaxItems(), min + SOFT_MAX_ITEMS);
                ArrayNode out = NODES.arrayNode();
                for (int i = min + random.nextInt(max - min + 1); i > 0; i--) {
                    out.add(valid(s.getItems(), random));
                }
                yield out;
            }
            case "integer" -> NODES.numberNode(integer(s, random));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.textNode(text(s, random));
        };
    }

    /** A text for a string schema: an enum value, a date-time, a pattern's match or free text. */
    public static String text(Schema<?> schema, Random random) {
        Schema<?> s = unwrap(schema);
        int min = s.getMinLength() == null ? 0 : s.getMinLength();
        int max = s.getMaxLength() == null ? Integer.MAX_VALUE : s.getMaxLength();
        if (s.getEnum() != null && !s.getEnum().isEmpty()) {
            return String.valueOf(s.getEnum().get(random.nextInt(s.getEnum().size())));
        }
        if ("date-time".equals(s.getFormat())) {
            Instant at = Instant.now().plus(random.nextInt(120 * 24) - 60 * 24, ChronoUnit.HOURS);
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.ofHours(random.nextInt(5) - 2))
                    .truncatedTo(ChronoUnit.SECONDS));
        }
        if (s.getPattern() != null) {
            return PatternStrings.matching(s.getPattern(), random, min, max);
        }
        // Now and then exactly the longest allowed, in wide characters: the limit counts code points.
        // Not for the long texts, whose real limit is in bytes (a value's 64 KiB, as the document says).
        int length = max <= 70_000 && random.nextInt(8) == 0 ? max
                : min + random.nextInt(Math.max(1, Math.min(max, min + SOFT_MAX_LENGTH) - min + 1));
        StringBuilder out = new StringBuilder();
        String wide = random.nextBoolean() && max <= 10_000 ? "😀" : "a";
        for (int i = 0; i < length; i++) {
            out.append(length == max ? wide : LETTERS[random.nextInt(LETTERS.length)]);
        }
        return out.toString();
    }

    /** A valid text of a few characters at most. */
    private static String shortText(Schema<?> schema, Random random) {
        Schema<?> s = unwrap(schema);
        int min = s.getMinLength() == null ? 0 : s.getMinLength();
        return s.getPattern() != null ? PatternStrings.matching(s.getPattern(), random, min, Math.max(min, 8))
                : "a".repeat(min);
    }

    /** An integer within the schema's bounds (unbounded sides kept near zero). */
    public static long integer(Schema<?> s, Random random) {
        long min = bound(s.getMinimum(), 0);
        long max = bound(s.getMaximum(), Math.max(min, 0) + 1_000);
        return min + (long) (random.nextDouble() * (max - min + 1));
    }

    /**
     * Values of {@code schema} that break it, each with what it breaks: the wrong type, null, a
     * text too short or long, one the pattern does not find, one outside the enum, an integer out
     * of range, too many items, or an item of the wrong type.
     */
    public static List<Map.Entry<String, JsonNode>> invalid(Schema<?> schema, Random random) {
        Schema<?> s = unwrap(schema);
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        out.add(Map.entry("null", NODES.nullNode()));
        switch (type(s)) {
            case "array" -> {
                out.add(Map.entry("a text instead of a list", NODES.textNode("x")));
                ArrayNode wrongItem = NODES.arrayNode().add(42);
                out.add(Map.entry("a number as an item", wrongItem));
                out.add(Map.entry("null as an item", NODES.arrayNode().addNull()));
                if (s.getMaxItems() != null) {
                    // Short items, so the list breaks its item limit and not the body's size limit.
                    JsonNode item = NODES.textNode(shortText(s.getItems(), random));
                    ArrayNode many = NODES.arrayNode();
                    for (int i = 0; i <= s.getMaxItems(); i++) {
                        many.add(item);
                    }
                    out.add(Map.entry("one item too many", many));
                }
                if (s.getMinItems() != null && s.getMinItems() > 0) {
                    out.add(Map.entry("too few items", NODES.arrayNode()));
                }
            }
            case "integer" -> {
                out.add(Map.entry("a text instead of a number", NODES.textNode("12")));
                if (s.getMinimum() != null) {
                    out.add(Map.entry("below the minimum", NODES.numberNode(s.getMinimum().longValue() - 1)));
                }
                if (s.getMaximum() != null) {
                    out.add(Map.entry("above the maximum", NODES.numberNode(s.getMaximum().longValue() + 1)));
                }
            }
            case "string" -> {
                out.add(Map.entry("a number instead of text", NODES.numberNode(7)));
                out.add(Map.entry("true instead of text", NODES.booleanNode(true)));
                textBreakers(s, random).forEach((why, text) -> out.add(Map.entry(why, NODES.textNode(text))));
            }
            default -> out.add(Map.entry("a list instead of an object", NODES.arrayNode()));
        }
        return out;
    }

    /** Texts that break a string schema's length, pattern, enum or format, each with why. */
    public static Map<String, String> textBreakers(Schema<?> schema, Random random) {
        Schema<?> s = unwrap(schema);
        Map<String, String> out = new LinkedHashMap<>();
        int min = s.getMinLength() == null ? 0 : s.getMinLength();
        int max = s.getMaxLength() == null ? Integer.MAX_VALUE : s.getMaxLength();
        if (max < 70_000) {
            // Wide characters where that stays within the body limit: the limit counts code points.
            out.put("one character over maxLength", (max > 10_000 ? "a" : "😀").repeat(max + 1));
        }
        if (min > 0) {
            out.put("shorter than minLength", "");
        }
        if (s.getPattern() != null) {
            List<String> breakers = PatternStrings.breaking(s.getPattern(), min, max);
            if (!breakers.isEmpty()) {
                out.put("not matching the pattern", breakers.get(random.nextInt(breakers.size())));
            }
        }
        if (s.getEnum() != null) {
            out.put("outside the enum", "not-a-member");
        }
        if ("date-time".equals(s.getFormat())) {
            out.put("not a date-time", random.nextBoolean() ? "tomorrow" : "2026-02-30T10:00:00Z");
        }
        return out;
    }

    /** The schema inside a single-element allOf (how the document adds a description to a $ref). */
    public static Schema<?> unwrap(Schema<?> s) {
        return s.getAllOf() != null && s.getAllOf().size() == 1 ? unwrap(s.getAllOf().getFirst()) : s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Schema<?>> properties(Schema<?> s) {
        return s.getProperties() == null ? Map.of() : (Map<String, Schema<?>>) (Map<?, ?>) s.getProperties();
    }

    private static List<String> required(Schema<?> s) {
        return s.getRequired() == null ? List.of() : s.getRequired();
    }

    private static String type(Schema<?> s) {
        if (s.getType() != null) {
            return s.getType();
        }
        return s.getProperties() != null ? "object" : "string";
    }

    private static long bound(BigDecimal value, long fallback) {
        return value == null ? fallback : value.longValue();
    }
}
