package dev.latchkey.core.brokerapi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A sandbox environment the broker mints tokens for ({@code GET /v1/sandboxes}).
 *
 * @param name the sandbox's name, as {@code --sandbox VAR=NAME} takes it
 * @param scope the scope whose access a token is bounded by
 * @param audience the token's {@code aud}
 * @param maxTtl the longest a token may live
 * @param mayMint whether the caller may mint a token now
 * @param accessEnds when the caller's access ends (a grant); empty for standing access
 */
public record Sandbox(String name, String scope, String audience, Duration maxTtl, boolean mayMint,
                      Optional<Instant> accessEnds) {

    public Sandbox {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(maxTtl, "maxTtl");
        Objects.requireNonNull(accessEnds, "accessEnds");
    }
}
