package dev.latchkey.core.internal.json;

import dev.latchkey.core.internal.json.StrictJson.Malformed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object read by {@link StrictJson}, field by field with the type each must have. A field
 * of the wrong type is {@link Malformed}, never converted; a field this reader is not asked for is
 * ignored, so a newer sender may add fields. Errors name the field, never its value.
 */
public final class JsonFields {

    private final Map<String, Object> fields;
    private final String where;

    private JsonFields(Map<String, Object> fields, String where) {
        this.fields = fields;
        this.where = where;
    }

    /** {@code value} as an object; {@code where} names it in errors (such as {@code the reply}). */
    public static JsonFields of(Object value, String where) throws Malformed {
        if (!(value instanceof Map<?, ?> map)) {
            throw new Malformed(where + " is not an object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((k, v) -> fields.put((String) k, v));
        return new JsonFields(fields, where);
    }

    /** The whole text {@code json} as an object. */
    public static JsonFields parse(String json, String where) throws Malformed {
        return of(StrictJson.parse(json), where);
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
        return has(name) ? typed(name, String.class, "text") : null;
    }

    /** A whole number, or {@code absent} when it is missing. */
    public long number(String name, long absent) throws Malformed {
        return has(name) ? typed(name, Long.class, "a whole number") : absent;
    }

    /** A boolean, or {@code absent} when it is missing. */
    public boolean bool(String name, boolean absent) throws Malformed {
        return has(name) ? typed(name, Boolean.class, "true or false") : absent;
    }

    /** An object field that must be there. */
    public JsonFields object(String name) throws Malformed {
        if (!has(name)) {
            throw missing(name);
        }
        return of(fields.get(name), where + "'s " + name);
    }

    /** An array of objects, or null when the field is missing or null. */
    public List<JsonFields> optionalObjects(String name) throws Malformed {
        if (!has(name)) {
            return null;
        }
        List<JsonFields> out = new ArrayList<>();
        for (Object item : (List<?>) typed(name, List.class, "an array")) {
            out.add(of(item, where + "'s " + name + " item"));
        }
        return out;
    }

    /** An array of texts, or null when the field is missing or null. */
    public List<String> optionalTexts(String name) throws Malformed {
        if (!has(name)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) typed(name, List.class, "an array")) {
            if (!(item instanceof String s)) {
                throw new Malformed(where + "'s " + name + " holds an item that is not text");
            }
            out.add(s);
        }
        return out;
    }

    /** An object whose every member is an object, by name in the text's order; null when missing or null. */
    public Map<String, JsonFields> optionalObjectsByName(String name) throws Malformed {
        if (!has(name)) {
            return null;
        }
        Map<String, JsonFields> out = new LinkedHashMap<>();
        Map<?, ?> members = typed(name, Map.class, "an object");
        for (Map.Entry<?, ?> e : members.entrySet()) {
            out.put((String) e.getKey(), of(e.getValue(), where + "'s " + name + " member"));
        }
        return out;
    }

    private <T> T typed(String name, Class<T> type, String what) throws Malformed {
        Object v = fields.get(name);
        if (!type.isInstance(v)) {
            throw new Malformed(where + "'s " + name + " is not " + what);
        }
        return type.cast(v);
    }

    private Malformed missing(String name) {
        return new Malformed(where + " has no " + name);
    }
}
