package dev.latchkey.core.internal.json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object read by {@link StrictJson}, field by field with the type each must have: the broker's
 * answers on the daily commands' path (a launch's values, {@code status}'s scopes and identity), the
 * local agent's replies and the session's keychain entries. StrictJson parses them in a fraction of
 * the time Jackson takes to start and bind records by reflection.
 *
 * <p>Its rules and words are those of the wire's Jackson binder ({@code internal.http.WireJson}): a
 * missing or null required field {@code is missing}, a field of the wrong type {@code is not text} (and
 * so on), never converted, except a whole number written as text (as some IdPs send
 * {@code expires_in}); a time that is not ISO-8601 and a word this client does not know are each a
 * {@link MalformedJson} naming the field by its path ({@code resolved[0].value}). A field nobody asks
 * for is ignored, so a newer sender may add fields. No message holds a value or a member's name (a
 * text may hold secrets).
 */
public final class JsonFields {

    private final Map<?, ?> fields;
    private final String path;

    private JsonFields(Map<?, ?> fields, String path) {
        this.fields = fields;
        this.path = path;
    }

    /**
     * The object {@code json} holds.
     *
     * @throws MalformedJson when it is not JSON ({@code is not JSON}) or not an object
     */
    public static JsonFields parse(String json) throws MalformedJson {
        return of(parseValue(json), "");
    }

    /** The value {@code json} holds (an object, a list, ...), as {@link StrictJson#parse} reads it. */
    public static Object parseValue(String json) throws MalformedJson {
        try {
            return StrictJson.parse(json);
        } catch (StrictJson.Malformed e) {
            throw new MalformedJson("", "is not JSON");
        }
    }

    /** {@code value}, already parsed, as an object; {@code path} names it in errors (empty for the whole text). */
    public static JsonFields of(Object value, String path) throws MalformedJson {
        if (value instanceof Map<?, ?> map) {
            return new JsonFields(map, path);
        }
        throw path.isEmpty() ? new MalformedJson("", "is not a JSON object") : new MalformedJson(path, "is not an object");
    }

    /** The path of this object's field {@code name}. */
    public String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Whether the field is there and not null. */
    public boolean has(String name) {
        Object v = fields.get(name);
        return v != null && v != StrictJson.NULL;
    }

    /** A text field that must be there. */
    public String text(String name) throws MalformedJson {
        return present(name, optionalText(name));
    }

    /** A text field, or null when it is missing or null. */
    public String optionalText(String name) throws MalformedJson {
        return typed(name, String.class, "is not text");
    }

    /** A whole number (or one written as text, as some senders do), or null when missing or null. */
    public Long optionalWholeNumber(String name) throws MalformedJson {
        if (!has(name)) {
            return null;
        }
        Object v = fields.get(name);
        if (v instanceof Long n) {
            return n;
        }
        if (v instanceof String s && s.matches("-?[0-9]{1,18}")) {
            return Long.parseLong(s);
        }
        throw new MalformedJson(pathOf(name), "is not a whole number");
    }

    /** A whole number as {@link #optionalWholeNumber} reads it, or {@code absent} when missing or null. */
    public long wholeNumberOr(String name, long absent) throws MalformedJson {
        Long v = optionalWholeNumber(name);
        return v == null ? absent : v;
    }

    /** {@code true} or {@code false}, or {@code absent} when missing or null. */
    public boolean booleanOr(String name, boolean absent) throws MalformedJson {
        Boolean v = optionalBoolean(name);
        return v == null ? absent : v;
    }

    /** {@code true} or {@code false}, or null when missing or null. */
    public Boolean optionalBoolean(String name) throws MalformedJson {
        return typed(name, Boolean.class, "is not true or false");
    }

    /** An ISO-8601 time, or null when missing or null. */
    public Instant optionalInstant(String name) throws MalformedJson {
        String s = typed(name, String.class, "is not an ISO-8601 time");
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new MalformedJson(pathOf(name), "is not an ISO-8601 time");
        }
    }

    /** An ISO-8601 time that must be there. */
    public Instant instant(String name) throws MalformedJson {
        return present(name, optionalInstant(name));
    }

    /** One of {@code type}'s constants by its name in any case, or null when missing or null. */
    public <E extends Enum<E>> E optionalWord(String name, Class<E> type) throws MalformedJson {
        String s = typed(name, String.class, "is a word this client does not know");
        if (s == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw new MalformedJson(pathOf(name), "is a word this client does not know");
    }

    /** One of {@code type}'s constants that must be there. */
    public <E extends Enum<E>> E word(String name, Class<E> type) throws MalformedJson {
        return present(name, optionalWord(name, type));
    }

    /** An object field, or null when missing or null. */
    public JsonFields optionalObject(String name) throws MalformedJson {
        return has(name) ? of(fields.get(name), pathOf(name)) : null;
    }

    /** An object field that must be there. */
    public JsonFields object(String name) throws MalformedJson {
        return present(name, optionalObject(name));
    }

    /**
     * An object whose every member is an object, by name in the text's order, or null when missing or
     * null. A member names itself in errors by its place, {@code name{i}}, never by its name: the names
     * come from the text.
     */
    public Map<String, JsonFields> optionalObjectsByName(String name) throws MalformedJson {
        Map<?, ?> members = typed(name, Map.class, "is not an object");
        if (members == null) {
            return null;
        }
        Map<String, JsonFields> out = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<?, ?> e : members.entrySet()) {
            out.put((String) e.getKey(), of(e.getValue(), pathOf(name) + "{" + i++ + "}"));
        }
        return out;
    }

    /** A list of objects, or null when missing or null; each names itself {@code name[i]} in errors. */
    public List<JsonFields> optionalObjects(String name) throws MalformedJson {
        List<?> items = typed(name, List.class, "is not a list");
        if (items == null) {
            return null;
        }
        List<JsonFields> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(of(items.get(i), pathOf(name) + "[" + i + "]"));
        }
        return out;
    }

    /** A list of objects that must be there. */
    public List<JsonFields> objects(String name) throws MalformedJson {
        return present(name, optionalObjects(name));
    }

    /** A list of texts, or null when missing or null. */
    public List<String> optionalTexts(String name) throws MalformedJson {
        List<?> items = typed(name, List.class, "is not a list");
        if (items == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String s)) {
                throw new MalformedJson(pathOf(name) + "[" + i + "]", "is not text");
            }
            out.add(s);
        }
        return out;
    }

    /** This object does not fit what it should be; {@code why} names the field, never its value. */
    public MalformedJson doesNotFit(String why) {
        return new MalformedJson(path, "does not fit: " + why);
    }

    /** The field's value as a {@code type}, or null when missing or null; {@code problem} when it is not one. */
    private <T> T typed(String name, Class<T> type, String problem) throws MalformedJson {
        if (!has(name)) {
            return null;
        }
        Object v = fields.get(name);
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        throw new MalformedJson(pathOf(name), problem);
    }

    /** {@code value}, read from a field that must be there. */
    private <T> T present(String name, T value) throws MalformedJson {
        if (value == null) {
            throw new MalformedJson(pathOf(name), "is missing");
        }
        return value;
    }

    @Override
    public String toString() {
        // Never the fields: a text may hold secrets.
        return "JsonFields[" + (path.isEmpty() ? "the whole text" : path) + ", " + fields.size() + " fields]";
    }
}
