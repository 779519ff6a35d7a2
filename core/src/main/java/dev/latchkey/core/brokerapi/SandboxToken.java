package dev.latchkey.core.brokerapi;

import java.time.Instant;
import java.util.Objects;

/**
 * A short-lived token for a sandbox environment, minted by the broker.
 *
 * <p>{@link #toString()} never shows the token.
 *
 * @param sandbox the sandbox's name
 * @param token the token; goes only into a child's environment
 * @param expiresAt when the token stops working
 */
public record SandboxToken(String sandbox, String token, Instant expiresAt) {

    public SandboxToken {
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "SandboxToken[" + sandbox + ", token=<hidden>, expiresAt=" + expiresAt + "]";
    }
}
