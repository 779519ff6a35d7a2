package dev.latchkey.core.internal.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * When libsecret cannot be loaded, the Secret Service is reached through java-keyring, on the
 * same entries; and a keychain that is slow to answer is never taken for an empty one. On
 * gnome-keyring; each Latchkey a process of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaKeyringFallbackTest {

    /** A library name that does not exist, so libsecret fails to load as on a system without it. */
    private static final String NO_LIBSECRET = "-D" + KeychainProbe.LIBSECRET_PROPERTY + "=libsecret-not-installed.so.0";

    /** java-keyring's first call loads a Java D-Bus stack: on a busy CI machine, more than the interactive 3 s. */
    private static final String OPEN_COLD = "open 20000";

    private GnomeKeyring keychain;
    @TempDir
    private Path locks;

    @BeforeAll
    void start() throws Exception {
        keychain = GnomeKeyring.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (keychain != null) {
            keychain.close();
        }
    }

    private DriverProcess latchkey(String service, String... jvmOptions) throws Exception {
        return DriverProcess.start(keychain.desktop(), service, locks, jvmOptions);
    }

    @Test
    void withoutLibsecretTheKeychainStillKeepsEntriesAndLongValues() throws Exception {
        String service = "latchkey:fallback-" + System.nanoTime();
        try (DriverProcess p = latchkey(service, NO_LIBSECRET)) {
            assertThat(p.ask(OPEN_COLD)).isEqualTo("mode Keychain Signed-in session kept in the OS keychain (Secret Service).");
            assertThat(p.ask("write ada/refresh-token first")).isEqualTo("ok");
            assertThat(p.ask("write ada/refresh-token second")).isEqualTo("ok");
            assertThat(p.ask("read ada/refresh-token")).isEqualTo("value second");
            String long_ = "x".repeat(2500);
            assertThat(p.ask("write ada/short-lived " + long_)).isEqualTo("ok");
            assertThat(p.ask("read ada/short-lived")).isEqualTo("value " + long_);
            assertThat(keychain.accounts(service)).containsExactlyInAnyOrder("ada/refresh-token", "ada/short-lived",
                    "ada/short-lived#0", "ada/short-lived#1", "ada/short-lived#2");
            p.ask("delete ada/refresh-token");
            p.ask("delete ada/short-lived");
            assertThat(keychain.accounts(service)).isEmpty();
        }
    }

    @Test
    void entriesWrittenThroughJavaKeyringAreReadAndUpdatedInPlaceThroughLibsecret() throws Exception {
        String service = "latchkey:upgrade-" + System.nanoTime();
        try (DriverProcess before = latchkey(service, NO_LIBSECRET); DriverProcess after = latchkey(service)) {
            assertThat(before.ask(OPEN_COLD)).startsWith("mode Keychain");
            assertThat(before.ask("write ada/refresh-token kept-by-an-earlier-version")).isEqualTo("ok");
            assertThat(keychain.accounts(service)).containsExactly("ada/refresh-token");
            assertThat(after.ask("open")).startsWith("mode Keychain");
            assertThat(after.ask("read ada/refresh-token")).isEqualTo("value kept-by-an-earlier-version");
            assertThat(after.ask("write ada/refresh-token rotated")).isEqualTo("ok");
            assertThat(keychain.accounts(service)).as("the same item, not a second one").containsExactly("ada/refresh-token");
            assertThat(before.ask("read ada/refresh-token")).isEqualTo("value rotated");
            after.ask("delete ada/refresh-token");

            // A long value java-keyring kept in parts is read whole, and the next write keeps it in one entry.
            String long_ = "y".repeat(2500);
            assertThat(before.ask("write ada/short-lived " + long_)).isEqualTo("ok");
            assertThat(keychain.accounts(service)).hasSize(1 + 3);
            assertThat(after.ask("read ada/short-lived")).isEqualTo("value " + long_);
            assertThat(after.ask("write ada/short-lived " + long_ + "z")).isEqualTo("ok");
            assertThat(keychain.accounts(service)).containsExactly("ada/short-lived");
            assertThat(before.ask("read ada/short-lived")).isEqualTo("value " + long_ + "z");
            after.ask("delete ada/short-lived");
        }
    }

    @Test
    void aKeychainThatIsSlowToAnswerIsNeverTakenForAnEmptyOne() throws Exception {
        String service = "latchkey:slow-" + System.nanoTime();
        try (DriverProcess libsecret = latchkey(service); DriverProcess javaKeyring = latchkey(service, NO_LIBSECRET)) {
            assertThat(libsecret.ask("open")).startsWith("mode Keychain");
            assertThat(javaKeyring.ask(OPEN_COLD)).startsWith("mode Keychain");
            assertThat(libsecret.ask("write current-user ada")).isEqualTo("ok");
            assertThat(javaKeyring.ask("read current-user")).isEqualTo("value ada");

            keychain.stall(Duration.ofSeconds(3), () -> libsecret.send("read current-user"));
            assertThat(libsecret.answer()).as("libsecret waits for the answer").isEqualTo("value ada");

            keychain.stall(Duration.ofSeconds(3), () -> javaKeyring.send("read current-user"));
            // Too slow to tell, or no answer within the call's bound: either way an error, not "absent".
            assertThat(javaKeyring.answer()).as("java-keyring's late reply").startsWith("error KeychainException the keychain ")
                    .containsAnyOf("answered too slowly to tell whether current-user is there", "did not answer within");
            libsecret.ask("delete current-user");
        }
    }
}
