package dev.latchkey.broker.sandbox;

import java.time.Instant;

/** What RFC 7662 introspection says of a token. */
public sealed interface Introspection {

    /** Expired, revoked, unknown, forged or not ours: RFC 7662 says nothing more about such a token. */
    record Inactive(String why) implements Introspection {
    }

    /**
     * A live token.
     *
     * @param subject whose access it rides on
     * @param username their name for people
     * @param audience the sandbox's audience
     * @param issuer the broker that signed it
     * @param issuedAt its {@code iat}
     * @param expiresAt its {@code exp}
     * @param jti its id
     * @param sandbox the sandbox's name
     * @param scope the scope behind it
     */
    record Active(String subject, String username, String audience, String issuer, Instant issuedAt,
            Instant expiresAt, String jti, String sandbox, String scope) implements Introspection {
    }
}
