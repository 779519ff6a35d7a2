package dev.latchkey.core.keychain;

import java.util.Optional;

/**
 * Splits values longer than a keychain accepts into numbered chunks and joins them on read.
 *
 * <p>Windows' Credential Manager takes at most 2,560 bytes per credential and java-keyring
 * stores text there as UTF-16, so a chunk of {@value #DEFAULT_CHUNK_CHARS} characters (at most
 * 2,000 bytes) fits on every platform. The entry under the key itself holds a header: {@code =}
 * and the whole value, or {@code #n} when the value sits in chunks {@code account#0..n-1}.
 */
public final class ChunkedCredentialStore implements CredentialStore {

    /** Characters per chunk: safe for Windows, macOS and the Secret Service alike. */
    public static final int DEFAULT_CHUNK_CHARS = 1000;

    private static final String WHOLE = "=";
    private static final String CHUNKED = "#";

    private final CredentialStore entries;
    private final int chunkChars;

    public ChunkedCredentialStore(CredentialStore entries, int chunkChars) {
        if (chunkChars < 16) {
            throw new IllegalArgumentException("a chunk must hold at least 16 characters, was " + chunkChars);
        }
        this.entries = entries;
        this.chunkChars = chunkChars;
    }

    public ChunkedCredentialStore(CredentialStore entries) {
        this(entries, DEFAULT_CHUNK_CHARS);
    }

    @Override
    public Optional<String> read(CredentialKey key) throws KeychainException {
        Optional<String> header = entries.read(key);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String h = header.get();
        if (h.startsWith(WHOLE)) {
            return Optional.of(h.substring(WHOLE.length()));
        }
        int count = chunkCount(key, h);
        StringBuilder joined = new StringBuilder(count * chunkChars);
        for (int i = 0; i < count; i++) {
            Optional<String> part = entries.read(chunk(key, i));
            if (part.isEmpty()) {
                // A writer died half-way, or someone removed entries by hand: the value is gone.
                throw new KeychainException("the keychain entry " + key.account() + " of " + key.service()
                        + " is incomplete (chunk " + i + " of " + count + " is missing); sign in again", null);
            }
            joined.append(part.get());
        }
        return Optional.of(joined.toString());
    }

    @Override
    public void write(CredentialKey key, String value) throws KeychainException {
        int oldCount = existingChunks(key);
        int newCount;
        if (value.length() + WHOLE.length() <= chunkChars) {
            entries.write(key, WHOLE + value);
            newCount = 0;
        } else {
            newCount = (value.length() + chunkChars - 1) / chunkChars;
            // Chunks first, header last: a reader never sees a header whose chunks are not there yet.
            for (int i = 0; i < newCount; i++) {
                entries.write(chunk(key, i), value.substring(i * chunkChars, Math.min(value.length(), (i + 1) * chunkChars)));
            }
            entries.write(key, CHUNKED + newCount);
        }
        for (int i = newCount; i < oldCount; i++) {
            entries.delete(chunk(key, i));
        }
    }

    @Override
    public void delete(CredentialKey key) throws KeychainException {
        int count = existingChunks(key);
        entries.delete(key);
        for (int i = 0; i < count; i++) {
            entries.delete(chunk(key, i));
        }
    }

    @Override
    public StorageMode mode() {
        return entries.mode();
    }

    private int existingChunks(CredentialKey key) throws KeychainException {
        Optional<String> header = entries.read(key);
        if (header.isEmpty() || header.get().startsWith(WHOLE)) {
            return 0;
        }
        return chunkCount(key, header.get());
    }

    private static int chunkCount(CredentialKey key, String header) throws KeychainException {
        try {
            if (header.startsWith(CHUNKED)) {
                int n = Integer.parseInt(header.substring(CHUNKED.length()));
                if (n > 0 && n <= 10_000) {
                    return n;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new KeychainException("the keychain entry " + key.account() + " of " + key.service()
                + " was not written by Latchkey; remove it and sign in again", null);
    }

    private static CredentialKey chunk(CredentialKey key, int index) {
        return key.withAccount(key.account() + "#" + index);
    }
}
