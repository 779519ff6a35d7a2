package dev.latchkey.core.internal.http;

import dev.latchkey.core.internal.http.WireJson.Malformed;
import dev.latchkey.core.internal.json.StrictJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON object from the wire read field by field, for the answers on the daily commands' path
 * (a launch's values, {@code status}'s scopes and identity): {@link StrictJson} parses them in a
 * fraction of the time Jackson takes to start and bind records by reflection. It keeps
 * {@link WireJson}'s rules and its words: a missing or null required field {@code is missing}, a
 * field of the wrong type {@code is not text} (and so on), never converted, a time that is not
 * ISO-8601 and a word this client does not know each a {@link Malformed} naming the field by its
 * path ({@code resolved[0].value}); a field nobody asks for is ignored, so a newer broker may add
 * fields. No message holds a value (an answer may hold secrets).
 */
public final class WireObject {

    private final Map<?, ?> fields;
    private final String path;

    private WireObject(Map<?, ?> fields, String path) {
        this.fields = fields;
        this.path = path;
    }

    /**
     * The object {@code json} holds.
     *
     * @throws Malformed when it is not JSON ({@code is not JSON}) or not an object
     */
    public static WireObject parse(String json) throws Malformed {
        return of(parseValue(json), "");
    }

    /** The value {@code json} holds (an object, a list, ...), as {@link StrictJson#parse} reads it. */
    public static Object parseValue(String json) throws Malformed {
        try {
            return StrictJson.parse(json);
        } catch (StrictJson.Malformed e) {
            throw new Malformed("", "is not JSON");
        }
    }

    /** {@code value}, already parsed, as an object; {@code path} names it in errors (empty for the whole answer). */
    public static WireObject of(Object value, String path) throws Malformed {
        if (value instanceof Map<?, ?> map) {
            return new WireObject(map, path);
        }
        throw path.isEmpty() ? new Malformed("", "is not a JSON object") : new Malformed(path, "is not an object");
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
    public String text(String name) throws Malformed {
        String v = optionalText(name);
        if (v == null) {
            throw missing(name);
        }
        return v;
    }

    /** A text field, or null when it is missing or null. */
    public String optionalText(String name) throws Malformed {
        if (!has(name)) {
            return null;
        }
        if (fields.get(name) instanceof String s) {
            return s;
        }
        throw new Malformed(pathOf(name), "is not text");
    }

    /** A whole number (or one written as text, as some senders do), or null when missing or null. */
    public Long optionalWholeNumber(String name) throws Malformed {
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
        throw new Malformed(pathOf(name), "is not a whole number");
    }

    /** {@code true} or {@code false}, or null when missing or null. */
    public Boolean optionalBoolean(String name) throws Malformed {
        if (!has(name)) {
            return null;
        }
        if (fields.get(name) instanceof Boolean b) {
            return b;
        }
        throw new Malformed(pathOf(name), "is not true or false");
    }

    /** An ISO-8601 time, or null when missing or null. */
    public Instant optionalInstant(String name) throws Malformed {
        if (!has(name)) {
            return null;
        }
        if (!(fields.get(name) instanceof String s)) {
            throw new Malformed(pathOf(name), "is not an ISO-8601 time");
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new Malformed(pathOf(name), "is not an ISO-8601 time");
        }
    }

    /** An ISO-8601 time that must be there. */
    public Instant instant(String name) throws Malformed {
        Instant v = optionalInstant(name);
        if (v == null) {
            throw missing(name);
        }
        return v;
    }

    /** One of {@code type}'s constants by its name in any case, or null when missing or null. */
    public <E extends Enum<E>> E optionalWord(String name, Class<E> type) throws Malformed {
        if (!has(name)) {
            return null;
        }
        if (fields.get(name) instanceof String s) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
        }
        throw new Malformed(pathOf(name), "is a word this client does not know");
    }

    /** One of {@code type}'s constants that must be there. */
    public <E extends Enum<E>> E word(String name, Class<E> type) throws Malformed {
        E v = optionalWord(name, type);
        if (v == null) {
            throw missing(name);
        }
        return v;
    }

    /** An object field, or null when missing or null. */
    public WireObject optionalObject(String name) throws Malformed {
        return has(name) ? of(fields.get(name), pathOf(name)) : null;
    }

    /** A list of objects, or null when missing or null; each names itself {@code name[i]} in errors. */
    public List<WireObject> optionalObjects(String name) throws Malformed {
        if (!has(name)) {
            return null;
        }
        List<WireObject> out = new ArrayList<>();
        List<?> items = list(name);
        for (int i = 0; i < items.size(); i++) {
            out.add(of(items.get(i), pathOf(name) + "[" + i + "]"));
        }
        return out;
    }

    /** A list of objects that must be there. */
    public List<WireObject> objects(String name) throws Malformed {
        List<WireObject> v = optionalObjects(name);
        if (v == null) {
            throw missing(name);
        }
        return v;
    }

    /** A list of texts, or null when missing or null. */
    public List<String> optionalTexts(String name) throws Malformed {
        if (!has(name)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        List<?> items = list(name);
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String s)) {
                throw new Malformed(pathOf(name) + "[" + i + "]", "is not text");
            }
            out.add(s);
        }
        return out;
    }

    /** This object does not fit what it should be; {@code why} names the field, never its value. */
    public Malformed doesNotFit(String why) {
        return new Malformed(path, "does not fit: " + why);
    }

    private List<?> list(String name) throws Malformed {
        if (fields.get(name) instanceof List<?> items) {
            return items;
        }
        throw new Malformed(pathOf(name), "is not a list");
    }

    private Malformed missing(String name) {
        return new Malformed(pathOf(name), "is missing");
    }

    @Override
    public String toString() {
        // Never the fields: an answer may hold secrets.
        return "WireObject[" + (path.isEmpty() ? "the answer" : path) + ", " + fields.size() + " fields]";
    }
}
