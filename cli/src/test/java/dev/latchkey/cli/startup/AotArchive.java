package dev.latchkey.cli.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** An AOT cache file, searched as bytes for text in each encoding a JVM may store a string in. */
public record AotArchive(Path file, byte[] bytes) {

    public static AotArchive read(Path file) throws IOException {
        assertThat(file).as("the AOT cache").isRegularFile();
        return new AotArchive(file, Files.readAllBytes(file));
    }

    /** True when {@code text} is in the file as Latin-1/UTF-8 (a compact string) or as UTF-16 either way round. */
    public boolean contains(String text) {
        return indexOf(text.getBytes(StandardCharsets.UTF_8)) >= 0
                || indexOf(text.getBytes(StandardCharsets.UTF_16LE)) >= 0
                || indexOf(text.getBytes(StandardCharsets.UTF_16BE)) >= 0;
    }

    /** Fails naming each of {@code secrets} found (by its length and position only, never its text). */
    public void assertHoldsNone(Collection<String> secrets) {
        // A search that finds nothing must be able to find something: the CLI's own class name is in any cache of it.
        assertThat(contains("dev/latchkey/cli/LatchkeyCommand")).as("the cache holds the CLI's classes").isTrue();
        assertThat(secrets).as("values to look for").isNotEmpty();
        int i = 0;
        for (String secret : secrets) {
            i++;
            assertThat(contains(secret)).as("secret #%d (%d characters) in %s", i, secret.length(), file).isFalse();
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
