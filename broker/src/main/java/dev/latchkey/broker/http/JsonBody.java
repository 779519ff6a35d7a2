package dev.latchkey.broker.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A request's JSON body, read strictly: valid UTF-8, one JSON object with no duplicate keys and
 * nothing after it, and each field of the type docs/broker-api.yaml gives it (a number or null
 * where text belongs is refused, not converted). Fields the document does not name are ignored,
 * so clients may send fields a later broker reads.
 */
final class JsonBody {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    /** Reads a body already checked into a record of the call's fields; no coercion between JSON types. */
    private static final ObjectMapper TYPED = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final JsonNode object;

    private JsonBody(JsonNode object) {
        this.object = object;
    }

    /** The body, which the call needs. */
    static JsonBody read(Context ctx) {
        return readOptional(ctx).orElseThrow(() -> ApiException.badRequest("the request needs a JSON object as its body"));
    }

    /** The body, or empty when the request has none (the call's body is optional). */
    static Optional<JsonBody> readOptional(Context ctx) {
        byte[] bytes = bytes(ctx);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the request body is not valid UTF-8");
        }
        if (text.isBlank()) {
            return Optional.empty();
        }
        requireJsonType(ctx);
        JsonNode node;
        try {
            node = STRICT.readTree(text);
        } catch (IOException e) {
            // Jackson's message may quote the input, which may hold a value: say only what is wrong.
            throw ApiException.badRequest("the request body is not one well-formed JSON object"
                    + " (check for trailing text, duplicate keys or a missing quote)");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        return Optional.of(new JsonBody(node));
    }

    /** The body as {@code type}, a record of the call's fields (for calls whose fields are not plain texts). */
    <T> T as(Class<T> type) {
        try {
            return TYPED.treeToValue(object, type);
        } catch (JsonMappingException e) {
            // Jackson's message may quote the input, which may hold a value: name the field only.
            if (!e.getPath().isEmpty() && e.getPath().getFirst().getFieldName() != null) {
                String field = e.getPath().getFirst().getFieldName();
                throw new ApiException(400, "invalid_request", "'" + field + "' is not of the type this call expects",
                        field);
            }
            throw ApiException.badRequest("the request body is not the JSON this call expects");
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.badRequest("the request body is not the JSON this call expects");
        }
    }

    /** The raw body, at most {@link ErrorHandling#MAX_REQUEST_BYTES}. */
    static byte[] bytes(Context ctx) {
        long max = ErrorHandling.MAX_REQUEST_BYTES;
        if (ctx.req().getContentLengthLong() > max) {
            throw tooLarge();
        }
        ctx.attribute(ErrorHandling.BODY_READ, Boolean.TRUE);
        try {
            InputStream in = ctx.req().getInputStream();
            long announced = ctx.req().getContentLengthLong();
            if (announced >= 0) {
                // Read into one array of the announced size: reading up to the limit would
                // allocate and copy buffers of the limit's size for every small body.
                byte[] exact = new byte[(int) announced];
                if (in.readNBytes(exact, 0, exact.length) < exact.length) {
                    throw new IOException("the body ended early");
                }
                return exact;
            }
            byte[] bytes = in.readNBytes((int) max + 1);
            if (bytes.length > max) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            if (ErrorHandling.causedBy(e, TimeoutException.class)) {
                // The connection's deadline ended a body that was still arriving.
                throw new ApiException(408, "request_timeout",
                        "the request body did not arrive in time; send it again in one go", Map.of("Connection", "close"));
            }
            throw ApiException.badRequest("the request body ended before its announced length");
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "payload_too_large",
                "the request body is larger than " + ErrorHandling.MAX_REQUEST_BYTES / 1024 + " KiB");
    }

    private static void requireJsonType(Context ctx) {
        String type = ctx.contentType();
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new ApiException(415, "unsupported_media_type",
                    "send the body as JSON with Content-Type: application/json");
        }
    }

    /** A text field that may be left out; {@code null} or another type is refused. */
    Optional<String> text(TextRule rule) {
        JsonNode n = object.get(rule.field());
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw rule.invalid("'" + rule.field() + "' must be text" + (n.isNull() ? ", not null" : ""));
        }
        return Optional.of(rule.check(n.textValue()));
    }

    /** A text field the call needs. */
    String requiredText(TextRule rule) {
        return text(rule).orElseThrow(() -> rule.invalid(rule.missing()));
    }

    /**
     * A list of texts that may be left out; each item keeps {@code item}. Over {@code maxItems} is
     * a 413 with {@code tooMany} as its code, or a 400 when that is null.
     */
    Optional<List<String>> texts(TextRule item, int minItems, int maxItems, String tooMany) {
        JsonNode n = object.get(item.field());
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isArray()) {
            throw item.invalid("'" + item.field() + "' must be a list of texts");
        }
        if (n.size() < minItems) {
            throw item.invalid(item.missing());
        }
        if (n.size() > maxItems && tooMany == null) {
            throw item.invalid("'" + item.field() + "' may hold at most " + maxItems + " items");
        }
        if (n.size() > maxItems) {
            throw new ApiException(413, tooMany, "'" + item.field() + "' may hold at most " + maxItems
                    + " items", item.field());
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw item.invalid("each item of '" + item.field() + "' must be text" + (e.isNull() ? ", not null" : ""));
            }
            out.add(item.check(e.textValue()));
        }
        return Optional.of(out);
    }
}
