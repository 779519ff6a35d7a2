package dev.latchkey.core.internal.keychain;

import dev.latchkey.core.keychain.StorageMode;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.CRC32;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.CredentialKey;
import java.nio.charset.StandardCharsets;

/**
 * Splits values longer than a keychain accepts into numbered chunks and joins them on read.
 *
 * <p>Windows' Credential Manager takes at most 2,560 bytes per credential and java-keyring
 * stores text there as UTF-16, so a chunk of {@value #DEFAULT_CHUNK_CHARS} characters (at most
 * 2,000 bytes) fits on every platform. The entry under the key itself holds a header: {@code =}
 * and the whole value, or {@code #n:crc} when the value sits in chunks {@code account#0..n-1}
 * whose joined text has that CRC-32 ({@code #n} alone from earlier versions).
 *
 * <p>Another process may rewrite the chunks while this one reads them (a refresh in another
 * CLI). The writer puts the chunks first and the header last; a reader whose chunks do not match
 * the header's checksum, or miss one, caught the writer half-way and reads again.
 */
public final class ChunkedCredentialStore implements CredentialStore {

    /** Characters per chunk: safe for Windows, macOS and the Secret Service alike. */
    public static final int DEFAULT_CHUNK_CHARS = 1000;

    /**
     * Characters per chunk where the keychain has no practical limit (the Secret Service): values
     * stay whole, one item each, which another process reads or replaces in one call; chunks
     * written by earlier versions are still read, and removed on the next write.
     */
    static final int UNSPLIT_CHARS = 1 << 24;

    static final String WHOLE = "=";
    private static final String CHUNKED = "#";
    private static final int READ_ATTEMPTS = 4;

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
        for (int attempt = 1; ; attempt++) {
            Optional<String> header = entries.read(key);
            if (header.isEmpty()) {
                return Optional.empty();
            }
            String h = header.get();
            if (h.startsWith(WHOLE)) {
                return Optional.of(h.substring(WHOLE.length()));
            }
            Chunks chunks = Chunks.parse(key, h);
            Optional<String> joined = join(key, chunks);
            if (joined.isPresent()) {
                return joined;
            }
            if (attempt == READ_ATTEMPTS) {
                // A writer died half-way, or someone removed entries by hand: the value is gone.
                throw new KeychainException("the keychain entry " + key.account() + " of " + key.service()
                        + " is incomplete (a part is missing or does not match); sign in again", null);
            }
            pause(attempt);
        }
    }

    /** The chunks joined, or empty when one is missing or they do not match the header. */
    private Optional<String> join(CredentialKey key, Chunks chunks) throws KeychainException {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < chunks.count(); i++) {
            Optional<String> part = entries.read(chunk(key, i));
            if (part.isEmpty()) {
                return Optional.empty();
            }
            joined.append(part.get());
        }
        String value = joined.toString();
        return chunks.matches(value) ? Optional.of(value) : Optional.empty();
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
            entries.write(key, new Chunks(newCount, OptionalLong.of(checksum(value))).header());
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
        return Chunks.parse(key, header.get()).count();
    }

    /** A chunked header: how many chunks, and the CRC-32 of their joined text when known. */
    private record Chunks(int count, OptionalLong crc) {

        static Chunks parse(CredentialKey key, String header) throws KeychainException {
            try {
                if (header.startsWith(CHUNKED)) {
                    String[] parts = header.substring(CHUNKED.length()).split(":", 2);
                    int n = Integer.parseInt(parts[0]);
                    OptionalLong crc = parts.length == 2 ? OptionalLong.of(Long.parseLong(parts[1], 16)) : OptionalLong.empty();
                    if (n > 0 && n <= 10_000) {
                        return new Chunks(n, crc);
                    }
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
            throw new KeychainException("the keychain entry " + key.account() + " of " + key.service()
                    + " was not written by Latchkey; remove it and sign in again", null);
        }

        String header() {
            return CHUNKED + count + crc.stream().mapToObj(c -> String.format(":%08x", c)).findFirst().orElse("");
        }

        boolean matches(String value) {
            return crc.isEmpty() || crc.getAsLong() == checksum(value);
        }
    }

    private static long checksum(String value) {
        CRC32 crc = new CRC32();
        crc.update(value.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static void pause(int attempt) throws KeychainException {
        try {
            Thread.sleep(25L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeychainException("interrupted while reading the keychain", e);
        }
    }

    private static CredentialKey chunk(CredentialKey key, int index) {
        return key.withAccount(key.account() + "#" + index);
    }
}
