package dev.latchkey.core.brokerapi;

import java.time.Instant;
import java.util.Objects;

/**
 * A short-lived token for a sandbox environment, minted by the broker.
 *
 * <p>{@link #toString()} never shows the token.
 *
 * @param sandbox the sandbox's name
 * @param token the token; goes only into a child's environment (and the keychain, until it expires)
 * @param audience the token's {@code aud}, empty when unknown
 * @param scope the scope whose access bounds it, empty when unknown
 * @param issuedAt when the broker minted it
 * @param expiresAt when the token stops working
 * @param jti the token's id, empty when unknown
 */
public record SandboxToken(String sandbox, String token, String audience, String scope, Instant issuedAt,
                           Instant expiresAt, String jti) {

    public SandboxToken {
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(jti, "jti");
    }

    /**
     * A token known only by what a launch needs. Its issue time is taken as its expiry, so it never
     * looks older than it is.
     */
    public SandboxToken(String sandbox, String token, Instant expiresAt) {
        this(sandbox, token, "", "", expiresAt, expiresAt, "");
    }

    @Override
    public String toString() {
        return "SandboxToken[" + sandbox + ", token=<hidden>, issuedAt=" + issuedAt + ", expiresAt=" + expiresAt
                + (jti.isEmpty() ? "" : ", jti=" + jti) + "]";
    }
}
