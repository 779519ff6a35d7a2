package dev.latchkey.core.approval;

import dev.latchkey.core.brokerapi.SecretRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A launch that is about to read scopes that ask for confirmation: who asks, and for what. It holds
 * references, never values.
 *
 * @param requester the process that asked
 * @param scopes the scopes that ask for confirmation, in order
 * @param refs the launch's references in those scopes
 * @param askedAt when it was asked
 * @param timeout how long the question stands before it counts as {@link Decision#TIMED_OUT}
 */
public record ApprovalRequest(Requester requester, List<String> scopes, List<SecretRef> refs, Instant askedAt,
                              Duration timeout) {

    /** How long a prompt waits for an answer, in the app and in a terminal. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    public ApprovalRequest {
        Objects.requireNonNull(requester, "requester");
        scopes = List.copyOf(scopes);
        refs = List.copyOf(refs);
        Objects.requireNonNull(askedAt, "askedAt");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** When the question stops standing. */
    public Instant deadline() {
        return askedAt.plus(timeout);
    }
}
