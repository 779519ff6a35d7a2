package dev.latchkey.core.internal.auth;

/** One answer to an RFC 8628 token poll. */
public sealed interface PollOutcome {

    /** {@code authorization_pending}: nobody has approved or denied yet. */
    record Pending() implements PollOutcome {
    }

    /** {@code slow_down}: keep polling, five seconds further apart. */
    record SlowDown() implements PollOutcome {
    }

    /** The person approved; here are the tokens. */
    record Approved(TokenSet tokens) implements PollOutcome {
    }

    /** {@code access_denied}: the person declined. */
    record Denied() implements PollOutcome {
    }

    /** {@code expired_token}: the code expired before approval. */
    record Expired() implements PollOutcome {
    }
}
