package dev.latchkey.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * An AOT cache file (the CLI's, the app's), searched as bytes for text in each encoding a JVM may
 * store a string in: the tests that prove no secret or token of a training run reaches a cache.
 */
public record AotArchive(Path file, byte[] bytes) {

    /** Reads {@code file}; fails when there is none. */
    public static AotArchive read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no AOT cache at " + file);
        }
        return new AotArchive(file, Files.readAllBytes(file));
    }

    /** True when {@code text} is in the file as Latin-1/UTF-8 (a compact string) or as UTF-16 either way round. */
    public boolean contains(String text) {
        return indexOf(text.getBytes(StandardCharsets.UTF_8)) >= 0
                || indexOf(text.getBytes(StandardCharsets.UTF_16LE)) >= 0
                || indexOf(text.getBytes(StandardCharsets.UTF_16BE)) >= 0;
    }

    /**
     * Fails naming each of {@code secrets} found (by its length and position only, never its text).
     *
     * @param classInside a class the cache must hold, written {@code dev/latchkey/...}: a search that
     *     finds nothing must be able to find something
     */
    public void assertHoldsNone(String classInside, Collection<String> secrets) {
        if (!contains(classInside)) {
            throw new AssertionError(file + " does not hold " + classInside + ": not a cache of that program");
        }
        if (secrets.isEmpty()) {
            throw new AssertionError("no values to look for");
        }
        int i = 0;
        for (String secret : secrets) {
            i++;
            if (contains(secret)) {
                throw new AssertionError("secret #" + i + " (" + secret.length() + " characters) is in " + file);
            }
        }
    }

    private int indexOf(byte[] needle) {
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
