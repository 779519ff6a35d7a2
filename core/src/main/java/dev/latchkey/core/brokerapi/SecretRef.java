package dev.latchkey.core.brokerapi;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a secret, safe to commit: {@code latchkey://team/env/name} or
 * {@code latchkey://team/env/name#field} when the secret has fields.
 *
 * <p>A reference never holds a value; its text form is what logs, errors and the launch log show.
 */
public record SecretRef(String team, String env, String name, Optional<String> field) {

    /** The scheme every reference starts with. */
    public static final String PREFIX = "latchkey://";

    private static final String SEGMENT = "[a-z0-9][a-z0-9._-]*";
    private static final Pattern SEGMENT_PATTERN = Pattern.compile(SEGMENT);
    private static final Pattern FIELD_PATTERN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern REF = Pattern.compile(
            "latchkey://(" + SEGMENT + ")/(" + SEGMENT + ")/(" + SEGMENT + ")(?:#([^#]*))?");

    public SecretRef {
        requireSegment("team", team);
        requireSegment("env", env);
        requireSegment("name", name);
        if (field.isPresent() && !FIELD_PATTERN.matcher(field.get()).matches()) {
            throw new InvalidSecretRefException("the field after '#' must be letters, digits, '_', '.' or '-'");
        }
    }

    /** A reference without a field. */
    public static SecretRef of(String team, String env, String name) {
        return new SecretRef(team, env, name, Optional.empty());
    }

    /** True when {@code text} is meant as a reference (it starts with the scheme), valid or not. */
    public static boolean looksLikeRef(String text) {
        return text.startsWith(PREFIX);
    }

    /**
     * Parses {@code latchkey://team/env/name[#field]}.
     *
     * @throws InvalidSecretRefException saying what is wrong with the text
     */
    public static SecretRef parse(String text) {
        if (!looksLikeRef(text)) {
            throw new InvalidSecretRefException("a reference starts with " + PREFIX);
        }
        Matcher m = REF.matcher(text);
        if (!m.matches()) {
            String path = text.substring(PREFIX.length());
            int hash = path.indexOf('#');
            String[] parts = (hash < 0 ? path : path.substring(0, hash)).split("/", -1);
            if (parts.length != 3) {
                throw new InvalidSecretRefException(
                        "a reference has three parts, " + PREFIX + "team/env/name; this one has " + parts.length);
            }
            for (String part : parts) {
                if (!SEGMENT_PATTERN.matcher(part).matches()) {
                    throw new InvalidSecretRefException("'" + part
                            + "' is not a valid part: use lower-case letters, digits, '.', '_' or '-'");
                }
            }
            throw new InvalidSecretRefException("the field after '#' must be letters, digits, '_', '.' or '-'");
        }
        return new SecretRef(m.group(1), m.group(2), m.group(3), Optional.ofNullable(m.group(4)));
    }

    /**
     * Checks that {@code text} names a scope, {@code team/env} with the parts a reference allows,
     * so a typo is a usage error naming the rule instead of a refusal from the broker.
     *
     * @return the scope, as given
     * @throws InvalidSecretRefException saying what is wrong with the text
     */
    public static String checkScope(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2) {
            throw new InvalidSecretRefException("'" + text + "' is not a scope: a scope has two parts, team/env,"
                    + " such as payments/dev");
        }
        for (String part : parts) {
            if (!SEGMENT_PATTERN.matcher(part).matches()) {
                throw new InvalidSecretRefException("'" + text + "' is not a scope: '" + part
                        + "' is not a valid part; use lower-case letters, digits, '.', '_' or '-', such as payments/dev");
            }
        }
        return text;
    }

    /** The scope this secret belongs to: {@code team/env}. */
    public String scope() {
        return team + "/" + env;
    }

    // equals and hashCode written out: a record's own are made at run time (ObjectMethods) on first use,
    // which the AOT cache cannot hold; every launch puts its references in sets and maps.
    @Override
    public boolean equals(Object o) {
        return o instanceof SecretRef r && team.equals(r.team) && env.equals(r.env) && name.equals(r.name)
                && field.equals(r.field);
    }

    @Override
    public int hashCode() {
        return ((team.hashCode() * 31 + env.hashCode()) * 31 + name.hashCode()) * 31 + field.hashCode();
    }

    @Override
    public String toString() {
        return PREFIX + team + "/" + env + "/" + name + field.map(f -> "#" + f).orElse("");
    }

    private static void requireSegment(String what, String value) {
        if (value == null || !SEGMENT_PATTERN.matcher(value).matches()) {
            throw new InvalidSecretRefException("the " + what
                    + " part must be lower-case letters, digits, '.', '_' or '-'");
        }
    }
}
