package dev.latchkey.core.launch;

import dev.latchkey.grammar.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How a launch started while the broker could not be reached: with sandbox tokens kept in the
 * keychain by earlier launches ({@link dev.latchkey.core.Session#keepingSandboxTokens}). Names
 * and times only; never a token.
 *
 * @param brokerProblem why the broker could not be reached, in words
 * @param at when the kept tokens were taken for the launch
 * @param tokens the kept tokens the launch was given, in its order
 */
public record OfflineStart(String brokerProblem, Instant at, List<KeptToken> tokens) {

    public OfflineStart {
        Objects.requireNonNull(brokerProblem, "brokerProblem");
        Objects.requireNonNull(at, "at");
        tokens = List.copyOf(tokens);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("an offline start uses at least one kept token");
        }
    }

    /**
     * One kept sandbox token given to the launch.
     *
     * @param variable the variable it went into
     * @param sandbox the sandbox it is for
     * @param mintedAt when the broker minted it
     * @param expiresAt when the sandbox stops accepting it (the broker signed this; it cannot be shortened)
     * @param asked the lifetime the launch asked for
     */
    public record KeptToken(String variable, String sandbox, Instant mintedAt, Instant expiresAt, Duration asked) {

        public KeptToken {
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(sandbox, "sandbox");
            Objects.requireNonNull(mintedAt, "mintedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(asked, "asked");
        }

        /**
         * When the launch started at {@code at} treats it as ending: its expiry, or the end of the
         * lifetime asked for when that comes first (the launch's on-expiry rule acts then).
         */
        public Instant endsFor(Instant at) {
            Instant wanted = at.plus(asked);
            return wanted.isBefore(expiresAt) ? wanted : expiresAt;
        }
    }

    /** When the first of the kept tokens ends for this launch: until then it runs as it would online. */
    public Instant validUntil() {
        return tokens.stream().map(t -> t.endsFor(at)).min(Instant::compareTo).orElseThrow();
    }

    /**
     * The tokens used, in words: {@code T (payments-sandbox, minted 4m ago, valid 6m more)}, with
     * what differs from the lifetime asked for, comma-separated.
     */
    public String inWords() {
        return tokens.stream().map(t -> t.variable() + " (" + t.sandbox() + ", minted "
                + Durations.format(Duration.between(t.mintedAt(), at)) + " ago, valid "
                + Durations.format(Duration.between(at, t.expiresAt())) + " more" + lifetimeNote(t) + ")")
                .collect(Collectors.joining(", "));
    }

    /** What differs from the lifetime asked for, in words; empty when the kept token fits it. */
    private String lifetimeNote(KeptToken t) {
        Duration left = Duration.between(at, t.expiresAt());
        Duration slack = Duration.ofSeconds(1);
        if (left.compareTo(t.asked().plus(slack)) > 0) {
            return "; you asked for " + Durations.format(t.asked()) + ": a kept token cannot be shortened, so it stays valid"
                    + " at the sandbox for " + Durations.format(left) + ", and this launch treats it as ending in "
                    + Durations.format(t.asked());
        }
        if (left.plus(slack).compareTo(t.asked()) < 0) {
            return "; less than the " + Durations.format(t.asked()) + " asked for: the broker, which could mint a new one,"
                    + " is unreachable";
        }
        return "";
    }
}
