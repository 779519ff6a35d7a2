package dev.latchkey.app.common;

import dev.latchkey.core.Session;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Sessions for app tests: the real device flow and broker, credentials kept in memory (so shown as memory-only). */
public final class TestSessions {

    private TestSessions() {
    }

    public static Function<URI, Session> memoryOnly() {
        Path locks;
        try {
            locks = Files.createTempDirectory("latchkey-app-test-locks");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return url -> Session.builder(url).credentialStore(new InMemoryCredentialStore(
                "no keychain is running (nothing answers as a Secret Service on this desktop)"))
                .lockDirectory(locks).build();
    }
}
