package dev.latchkey.broker.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that wraps every secret's data key. It is given to the broker at start (a file or an
 * environment variable) and never stored beside the data.
 */
public final class MasterKey {

    static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private final SecretKey key;

    private MasterKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("a master key is 32 bytes (AES-256), this one is " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** A key from its 32 raw bytes. */
    public static MasterKey of(byte[] raw) {
        return new MasterKey(raw.clone());
    }

    /** A key from the base64 of its 32 bytes (surrounding whitespace ignored). */
    public static MasterKey fromBase64(String text) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key is not base64 (make one with: openssl rand -base64 32)");
        }
        try {
            return new MasterKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** A fresh random key: dev mode, where nothing outlives the process. */
    public static MasterKey random() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return new MasterKey(raw);
    }

    /**
     * Wraps a data key (or another small key, such as the broker's signing key): base64 of IV +
     * AES-GCM ciphertext, authenticated together with {@code context} so it cannot be moved to
     * another row.
     */
    public String wrap(byte[] dataKey, String context) {
        return Base64.getEncoder().encodeToString(seal(key, dataKey, context));
    }

    /** Unwraps what {@link #wrap} made; fails when this is not the key that wrapped it or the context differs. */
    public byte[] unwrap(String wrapped, String context) throws GeneralSecurityException {
        return open(key, Base64.getDecoder().decode(wrapped), context);
    }

    /** A short public fingerprint of the key, safe for messages: the first bytes of a hash of it. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seal(key, new byte[0], "fingerprint", new byte[IV_BYTES]));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static byte[] seal(SecretKey key, byte[] plain, String context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        return seal(key, plain, context, iv);
    }

    private static byte[] seal(SecretKey key, byte[] plain, String context, byte[] iv) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    static byte[] open(SecretKey key, byte[] ivAndSealed, String context) throws GeneralSecurityException {
        if (ivAndSealed.length < IV_BYTES + 16) {
            throw new GeneralSecurityException("sealed data too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, ivAndSealed, 0, IV_BYTES));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(ivAndSealed, IV_BYTES, ivAndSealed.length - IV_BYTES);
    }

    @Override
    public String toString() {
        return "MasterKey[<hidden>]";
    }
}
