package dev.latchkey.broker.http;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What docs/broker-api.yaml says of one text field or parameter: its length in characters (code
 * points, as JSON Schema counts them) and the pattern it must contain. Breaking it is a 400 that
 * names the field.
 *
 * @param field the field's name, as the answer's {@code field} names it
 * @param minLength the fewest characters
 * @param maxLength the most characters
 * @param pattern a regular expression the text must contain (the document's {@code pattern})
 * @param mismatch what to say when the text does not match: what a good value looks like
 * @param missing what to say when the field is absent or empty
 */
record TextRule(String field, int minLength, int maxLength, Optional<Pattern> pattern, String mismatch,
        String missing) {

    static TextRule of(String field, int minLength, int maxLength, String regex, String mismatch, String missing) {
        // Unicode classes, as the document's ECMA-262 patterns read \s and \S.
        return new TextRule(field, minLength, maxLength,
                Optional.of(Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS)), mismatch, missing);
    }

    static TextRule length(String field, int minLength, int maxLength, String missing) {
        return new TextRule(field, minLength, maxLength, Optional.empty(), "", missing);
    }

    /** The same rule for another field. */
    TextRule named(String name, String newMismatch, String newMissing) {
        return new TextRule(name, minLength, maxLength, pattern, newMismatch, newMissing);
    }

    /** {@code value} if it keeps the rule; otherwise a 400 saying what would. */
    String check(String value) {
        int length = value.codePointCount(0, value.length());
        if (length == 0 && minLength > 0) {
            throw invalid(missing);
        }
        if (length < minLength) {
            throw invalid(mismatch);
        }
        if (length > maxLength) {
            throw invalid("'" + field + "' may be at most " + maxLength + " characters; it has " + length);
        }
        if (pattern.isPresent() && !pattern.get().matcher(value).find()) {
            throw invalid(mismatch);
        }
        return value;
    }

    /** A 400 about this field. */
    ApiException invalid(String message) {
        return new ApiException(400, "invalid_request", message, field);
    }
}
