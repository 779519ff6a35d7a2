package dev.latchkey.broker.policy;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A scope's name, {@code team/env}, such as {@code payments/dev}.
 *
 * @param team the owning team
 * @param env the environment
 */
public record ScopeId(String team, String env) implements Comparable<ScopeId> {

    /** What a team, an environment or a secret name may look like. */
    public static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public ScopeId {
        if (!SEGMENT.matcher(team).matches() || !SEGMENT.matcher(env).matches()) {
            throw new IllegalArgumentException("a scope is team/env in lower-case letters, digits, '.', '_' or '-'");
        }
    }

    /** Parses {@code team/env}; empty when the text is not one. */
    public static Optional<ScopeId> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || text.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String team = text.substring(0, slash);
        String env = text.substring(slash + 1);
        if (!SEGMENT.matcher(team).matches() || !SEGMENT.matcher(env).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ScopeId(team, env));
    }

    @Override
    public int compareTo(ScopeId other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return team + "/" + env;
    }
}
