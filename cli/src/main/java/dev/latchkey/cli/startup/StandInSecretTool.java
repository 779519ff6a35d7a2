package dev.latchkey.cli.startup;

import dev.latchkey.core.keychain.CredentialKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A stand-in for libsecret's {@code secret-tool}, written into the pre-commit hook's AOT training
 * folder: a shell script that answers one {@code lookup} (the leak guard's fingerprint key) in the
 * real program's shape, with a key made up for the training, and nothing else. The training
 * reads the key through it as a commit's hook reads it through the real tool, so the hook's cache
 * holds that path (the tool's process, its bound, the reader's classes), and it never reaches a
 * keychain or a session bus.
 *
 * <p>The key is the SHA-256 of a fixed phrase ({@link #madeUpKey}), not a random one, so the
 * tests can look for it in the cache. It protects nothing: only the training's fingerprints of
 * its own made-up values are keyed with it. It reaches the script's output through {@code cat}
 * of a file only its owner reads, never an argument; {@link #close()} removes both.
 */
final class StandInSecretTool implements AutoCloseable {

    /** The leak guard's fingerprint key entry (core's GuardKey.ENTRY). */
    static final CredentialKey GUARD_KEY = new CredentialKey(CredentialKey.SERVICE_PREFIX + "guard", "fingerprint-key");
    /** How a Secret Service item holds a whole value (core's ChunkedCredentialStore): the value after "=". */
    private static final String WHOLE = "=";

    private final Path dir;
    private final Path tool;

    private StandInSecretTool(Path dir) {
        this.dir = dir;
        this.tool = dir.resolve("secret-tool");
    }

    /** Writes the stand-in into a new folder under {@code parent}, answering {@link #GUARD_KEY} with {@code key}. */
    static StandInSecretTool write(Path parent, String key) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(parent), "secret-tool-");
        StandInSecretTool stand = new StandInSecretTool(dir);
        Path answer = dir.resolve("answer");
        Files.createFile(answer, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(answer, WHOLE + key); // the tool prints a value without a line break
        String asked = "lookup service " + GUARD_KEY.service() + " account " + GUARD_KEY.account();
        Files.createFile(stand.tool, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // Anything else: the answer of an entry that is not there (exit 1, not a word).
        Files.writeString(stand.tool, "#!/bin/sh\n# The Latchkey hook AOT training's stand-in for secret-tool.\n"
                + "[ \"$*\" = " + quote(asked) + " ] && exec cat " + quote(answer.toString()) + "\nexit 1\n");
        return stand;
    }

    /** The program to run in place of {@code /usr/bin/secret-tool}. */
    Path tool() {
        return tool;
    }

    /** The training's fingerprint key, base64 as the guard stores it: the SHA-256 of a fixed phrase. */
    static String madeUpKey() {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256")
                    .digest("Latchkey hook AOT training: a made-up fingerprint key".getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** {@code text} as one word of a {@code /bin/sh} script, whatever it holds. */
    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Removes the stand-in and its answer. */
    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
