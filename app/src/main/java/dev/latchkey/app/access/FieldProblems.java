package dev.latchkey.app.access;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The request form's problems by field, each shown next to its field once the person has left
 * that field or tried to submit. Lines such as "Duration: payments/prod allows at most 1h." are
 * filed under their field; "Missing: justification." under the field it names.
 */
final class FieldProblems {

    static final Set<String> FIELDS = Set.of("scope", "secrets", "duration", "start", "justification");

    private final Map<String, ReadOnlyStringWrapper> shown = new LinkedHashMap<>();
    private final Map<String, String> current = new LinkedHashMap<>();
    private final Set<String> touched = new HashSet<>();

    FieldProblems() {
        FIELDS.forEach(f -> shown.put(f, new ReadOnlyStringWrapper("")));
    }

    void clear() {
        current.clear();
    }

    /** Files {@code line} ("Field: what is wrong.") under its field; lines of no known field are not filed. */
    void addLine(String line) {
        int colon = line.indexOf(": ");
        if (colon < 0) {
            return;
        }
        String field = line.substring(0, colon).toLowerCase(Locale.ROOT);
        String what = line.substring(colon + 2);
        if (field.equals("missing")) {
            for (String name : what.replace(".", "").split(",\\s*")) {
                add(name.strip(), "Required for this scope.");
            }
        } else {
            add(field, what);
        }
    }

    void add(String field, String what) {
        if (FIELDS.contains(field)) {
            current.merge(field, what, (a, b) -> a + " " + b);
        }
    }

    void touch(String field) {
        touched.add(field);
        publish();
    }

    void touchAll() {
        touched.addAll(FIELDS);
        publish();
    }

    /** Shows the current problems of the touched fields. */
    void publish() {
        shown.forEach((field, p) -> p.set(touched.contains(field) ? current.getOrDefault(field, "") : ""));
    }

    ReadOnlyStringProperty property(String field) {
        ReadOnlyStringWrapper p = shown.get(field);
        if (p == null) {
            throw new IllegalArgumentException("no form field " + field);
        }
        return p.getReadOnlyProperty();
    }
}
