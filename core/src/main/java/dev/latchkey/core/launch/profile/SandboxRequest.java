package dev.latchkey.core.launch.profile;

import java.time.Duration;
import java.util.Objects;

/**
 * A sandbox token a launch wants minted: {@code VAR = sandbox name} with a lifetime.
 *
 * @param sandbox the sandbox's name at the broker
 * @param ttl how long the token should live (the broker may shorten it to the caller's grant)
 */
public record SandboxRequest(String sandbox, Duration ttl) {

    /** The lifetime used when a profile names none. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    public SandboxRequest {
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a sandbox token's lifetime must be positive");
        }
    }
}
