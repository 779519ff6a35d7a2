package dev.latchkey.app.common;

import dev.latchkey.core.Session;
import dev.latchkey.core.SignInListener;
import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.DeviceCodePrompt;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Sessions for app tests: the real device flow against a real broker, credentials kept either in
 * this process's memory (the app then says, truly, that the session is memory-only) or in the
 * desktop's real keychain (gnome-keyring in CI), which is what a person's desktop has and so what
 * the docs' screenshots show. A test can sign someone in before the app starts, so the app opens
 * on their session as it does after a restart. Closing signs out of every broker used, so nothing
 * is left in the keychain.
 */
public final class TestSessions implements AutoCloseable {

    private final Optional<CredentialStore> store;
    private final Path locks;
    private final Clock clock;
    private final Set<URI> brokers = ConcurrentHashMap.newKeySet();

    private TestSessions(Optional<CredentialStore> store, Clock clock) {
        this.store = store;
        this.clock = clock;
        try {
            this.locks = Files.createTempDirectory("latchkey-app-test-locks");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sessions whose credentials stay in this process's memory, shared by every session of the test. */
    public static TestSessions inMemory() {
        return new TestSessions(Optional.of(new InMemoryCredentialStore()), Clock.systemUTC());
    }

    /**
     * Sessions kept in the desktop's keychain, found as the app finds it. Fails under
     * {@code LATCHKEY_REQUIRE_REAL_PARTS} (skips otherwise) where no keychain answers.
     */
    public static TestSessions inKeychain() {
        TestSessions sessions = new TestSessions(Optional.empty(), Clock.systemUTC());
        try (Session probe = sessions.open(URI.create("http://127.0.0.1:1"))) {
            if (probe.storageMode() instanceof StorageMode.MemoryOnly m) {
                RealParts.missing("no keychain answers (" + m.reason() + "); run the tests as CI does, "
                        + "under .ci/with-keyring");
            }
        }
        return sessions;
    }

    /** The same store, with sessions that tell time by {@code value} (a test's clock the broker also runs on). */
    public TestSessions withClock(Clock value) {
        TestSessions moved = new TestSessions(store, value);
        moved.brokers.addAll(brokers);
        return moved;
    }

    /** Opens a session with a broker, as the app's services do. */
    public Function<URI, Session> sessions() {
        return this::open;
    }

    /** Signs {@code user} in to the development broker at {@code broker} through its dev IdP. */
    public void signIn(URI broker, String user) throws AuthException {
        // The code is approved before polling starts, so the first poll has the tokens: no wait between polls.
        try (Session session = builder(broker).pause(d -> { }).build()) {
            session.signIn(new SignInListener() {
                @Override
                public void showCode(DeviceCodePrompt prompt) {
                    DevSignIn.approve(prompt.verificationUri(), prompt.userCode(), user);
                }
            });
        }
    }

    private Session open(URI broker) {
        return builder(broker).build();
    }

    private Session.Builder builder(URI broker) {
        brokers.add(broker);
        Session.Builder builder = Session.builder(broker).lockDirectory(locks).clock(clock);
        store.ifPresent(builder::credentialStore);
        return builder;
    }

    /** Signs out of every account of every broker used: nothing stays in the keychain. */
    @Override
    public void close() throws AuthException {
        for (URI broker : brokers) {
            try (Session session = open(broker)) {
                // One sign-out per stored account; bounded, so a sign-out that kept its account cannot loop.
                for (int left = session.accounts().size(); left > 0 && session.currentUser().isPresent(); left--) {
                    session.signOut();
                }
            }
        }
    }
}
