package dev.latchkey.core.internal.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.latchkey.core.internal.json.JsonFields;
import dev.latchkey.core.internal.json.MalformedJson;
import java.io.IOException;
import java.io.Serial;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where core binds JSON from the wire into records with Jackson (the answers off the daily path;
 * {@link JsonFields} reads the others field by field, by the same rules): a malformed answer becomes
 * a {@link MalformedJson} naming the field at fault and what is wrong with it, never its value (an
 * answer may hold a token). Callers turn {@link MalformedJson} into their own typed error.
 *
 * <p>Records say which fields are required by checking them in their compact constructor
 * ({@code Objects.requireNonNull(x, "x")}); a field this client does not know is ignored, so a newer
 * broker may add fields; a field of the wrong type, a time that is not ISO-8601 and an enum word this
 * client does not know are each a {@link MalformedJson}. A number or {@code true} where text belongs and
 * a fraction where a whole number belongs are of the wrong type, never converted; a whole number
 * written as text ({@code "600"}, as some IdPs send {@code expires_in}) is still that number.
 */
public final class WireJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("latchkey-wire")
                    .addDeserializer(Instant.class, new IsoText<>(Instant.class, Instant::parse))
                    .addDeserializer(Duration.class, new IsoText<>(Duration.class, Duration::parse)))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private WireJson() {
    }

    /**
     * Reads {@code json} as a {@code type}.
     *
     * @throws MalformedJson when it is not JSON or does not fit {@code type}
     */
    public static <T> T read(String json, Class<T> type) throws MalformedJson {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new MalformedJson("", "is not a JSON object");
            }
            return value;
        } catch (StreamReadException e) {
            throw new MalformedJson("", "is not JSON");
        } catch (JacksonException e) {
            throw describe(e);
        }
    }

    /**
     * Reads an already parsed {@code tree} as a {@code type}, for callers that looked at the answer's
     * shape first (an OAuth error, say).
     *
     * @throws MalformedJson when it does not fit {@code type}
     */
    public static <T> T read(JsonNode tree, Class<T> type) throws MalformedJson {
        if (tree == null || !tree.isObject()) {
            throw new MalformedJson("", "is not a JSON object");
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw describe(e);
        }
    }

    private static MalformedJson describe(JacksonException e) {
        String field = e instanceof JsonMappingException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") : "";
        return switch (e) {
            case ValueInstantiationException v when v.getCause() instanceof NullPointerException npe
                    && npe.getMessage() != null -> new MalformedJson(join(field, npe.getMessage()), "is missing");
            case ValueInstantiationException v -> new MalformedJson(field, "does not fit: "
                    + (v.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : "it cannot be used"));
            case InvalidFormatException f when f.getTargetType() != null && f.getTargetType().isEnum() ->
                    new MalformedJson(field, "is a word this client does not know");
            case InvalidFormatException f when f.getTargetType() == Instant.class ->
                    new MalformedJson(field, "is not an ISO-8601 time");
            case InvalidFormatException f when f.getTargetType() == Duration.class ->
                    new MalformedJson(field, "is not an ISO-8601 duration");
            case MismatchedInputException _ when field.isEmpty() -> new MalformedJson("", "is not a JSON object");
            case MismatchedInputException m -> new MalformedJson(field, "is not "
                    + (m.getTargetType() == null ? "of the expected type" : kind(m.getTargetType())));
            default -> new MalformedJson(field, "cannot be read");
        };
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return "an ISO-8601 time";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration";
        }
        return type.isArray() || Iterable.class.isAssignableFrom(type) ? "a list" : "an object";
    }

    /** A time or a duration as the wire writes it, ISO-8601 text; anything else is a fault, not a guess. */
    private static final class IsoText<T> extends StdScalarDeserializer<T> {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient Function<String, T> parse;

        IsoText(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            @SuppressWarnings("unchecked")
            Class<T> type = (Class<T>) handledType();
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return type.cast(ctxt.handleUnexpectedToken(type, p));
            }
            try {
                return parse.apply(p.getText());
            } catch (DateTimeParseException e) {
                throw InvalidFormatException.from(p, "not ISO-8601", null, type);
            }
        }
    }
}
