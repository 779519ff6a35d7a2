package dev.latchkey.broker.sandbox;

import java.time.Instant;

/**
 * A sandbox token as handed to its caller.
 *
 * @param sandbox the sandbox's name
 * @param token the signed JWT; only the caller ever sees it, it is stored nowhere
 * @param audience who accepts it (its {@code aud})
 * @param scope the scope whose access it rides on
 * @param issuedAt its {@code iat}
 * @param expiresAt its {@code exp}: never later than the caller's access to {@code scope}
 * @param jti its id, as introspection and the audit log name it
 */
public record MintedToken(String sandbox, String token, String audience, String scope, Instant issuedAt,
        Instant expiresAt, String jti) {

    @Override
    public String toString() {
        return "MintedToken[" + sandbox + ", jti=" + jti + ", until " + expiresAt + "]";
    }
}
