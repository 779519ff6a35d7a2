package dev.latchkey.broker.policy;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a scope asks of a request's justification. Every request needs one; a scope may ask for
 * more, such as a ticket number.
 *
 * @param minLength the fewest characters (after trimming)
 * @param pattern a regular expression the text must contain (found, not matched whole: anchor it with {@code ^})
 * @param hint what to write, for the person filling the form ("a ticket like PAY-123")
 */
public record JustificationRule(int minLength, Optional<Pattern> pattern, String hint) {

    /** What a scope that says nothing asks: some text. */
    public static final JustificationRule ANY = new JustificationRule(1, Optional.empty(), "");

    /** Why {@code text} does not do, or empty when it does. */
    public Optional<String> problem(String text) {
        String t = text == null ? "" : text.strip();
        String advice = hint.isBlank() ? "" : " (" + hint + ")";
        if (t.isEmpty()) {
            return Optional.of("say why you need access" + advice);
        }
        if (t.length() < minLength) {
            return Optional.of("the justification must be at least " + minLength + " characters; it has "
                    + t.length() + advice);
        }
        if (pattern.isPresent() && !pattern.get().matcher(t).find()) {
            return Optional.of("the justification must match " + pattern.get().pattern() + advice);
        }
        return Optional.empty();
    }
}
