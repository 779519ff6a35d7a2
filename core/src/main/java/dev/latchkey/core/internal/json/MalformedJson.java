package dev.latchkey.core.internal.json;

import java.io.Serial;

/**
 * Why a JSON text does not fit what its reader expects: the field at fault, by its path, and what is
 * wrong with it; never its value, nor a member's name (a text may hold a token or a secret). Both
 * readers of JSON into types throw it in the same words, {@link JsonFields} field by field and the
 * wire's Jackson binder ({@code internal.http.WireJson}), so a caller catches one type and words it
 * once. {@link StrictJson.Malformed} is the parser's own fault, before any field is read.
 */
public final class MalformedJson extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * A fault of {@code field}, worded {@code 'field' problem} ({@code problem} alone for the text as a whole).
     *
     * @param field the field's path, such as {@code grant.endsAt} or {@code resolved[0].value}; empty for the whole text
     * @param problem what is wrong, such as {@code is missing}; never a piece of the text
     */
    public MalformedJson(String field, String problem) {
        // No cause and no stack trace: nothing that could carry the text, and nothing a caller reads.
        super(field.isEmpty() ? problem : "'" + field + "' " + problem, null, false, false);
        this.field = field;
    }

    /** The field's path, such as {@code grant.endsAt}; empty for the text as a whole. */
    public String field() {
        return field;
    }
}
