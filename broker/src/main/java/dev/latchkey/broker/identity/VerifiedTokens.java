package dev.latchkey.broker.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature and claims have been checked, so that a client calling many times with
 * one token pays for one signature check, not one per call (on a small machine that check was a
 * third of a resolve's work). Kept by the SHA-256 of the token's exact text, never the text, and
 * only for as long as the token itself is accepted: each use checks {@code exp} and {@code nbf}
 * against the clock again, with the same leeway and the same messages as a first check. An entry
 * belongs to the key set that verified it; once the issuer's keys are fetched again, every token
 * is checked afresh against the new set.
 */
final class VerifiedTokens {

    /** The most tokens kept; past it, expired ones go, and if none had, all go. */
    static final int MAX_ENTRIES = 20_000;

    private static final MessageDigest SHA_256 = sha256();

    /** What a check established. {@code notBefore} is null when the token has none. */
    record Verified(Caller caller, Instant expires, Instant notBefore, Object keys) {
    }

    private final Map<ByteBuffer, Verified> entries = new ConcurrentHashMap<>();

    /** The key of {@code token} in this cache. */
    static ByteBuffer keyOf(String token) {
        try {
            MessageDigest sha = (MessageDigest) SHA_256.clone();
            return ByteBuffer.wrap(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 of this JVM cannot be copied", e);
        }
    }

    /** The entry for {@code key} if it was verified with {@code keys}; empty otherwise. */
    Optional<Verified> find(ByteBuffer key, Object keys) {
        Verified v = entries.get(key);
        return v != null && v.keys() == keys ? Optional.of(v) : Optional.empty();
    }

    /** Remembers a token that passed every check, until {@code now} is past its expiry. */
    void remember(ByteBuffer key, Verified verified, Instant now) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(v -> now.isAfter(v.expires().plus(AccessTokenClaims.LEEWAY)));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, verified);
    }

    /** Forgets {@code key}: its token no longer passes (it expired). */
    void forget(ByteBuffer key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
