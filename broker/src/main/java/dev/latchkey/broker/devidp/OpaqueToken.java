package dev.latchkey.broker.devidp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random bearer strings (device codes, refresh tokens) and the hashes they are kept under.
 *
 * <p>The stores key on a SHA-256 of the value, never the value, so a heap dump or a stray debug
 * print of a map shows nothing a client could replay.
 */
final class OpaqueToken {

    private OpaqueToken() {
    }

    /** 256 random bits, base64url without padding. */
    static String random(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String value) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
