package dev.latchkey.core.internal.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.core.keychain.CredentialKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every Secret Service must do for Latchkey, run against a real one on a private desktop
 * ({@link SecretServiceUnderTest}), each Latchkey a process of its own ({@link KeychainDriver}):
 * keep entries and long values, keep a sign-in for the next process, refresh it across processes,
 * remove every entry at sign-out, and wait for the person when the keychain is locked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecretServiceContract {

    private static final SecureRandom RANDOM = new SecureRandom();

    SecretServiceUnderTest keychain;
    RunningBroker broker;
    @TempDir
    Path locks;
    String service;

    /** Starts the Secret Service under test. */
    abstract SecretServiceUnderTest start() throws IOException, InterruptedException;

    /** The titles of Latchkey's entries for the broker as the keychain's own tool lists them. */
    List<String> entriesSeenOutside() throws IOException, InterruptedException {
        return keychain.accounts(CredentialKey.serviceOf(broker.url()));
    }

    @BeforeAll
    void startKeychainAndBroker() throws Exception {
        keychain = start();
        broker = LatchkeyBroker.start(BrokerConfig.dev());
    }

    @AfterAll
    void stopThem() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (keychain != null) {
            keychain.close();
        }
    }

    @BeforeEach
    void freshService() {
        service = "latchkey:test-" + RANDOM.nextInt(1_000_000);
    }

    DriverProcess latchkey(String... jvmOptions) throws IOException {
        return DriverProcess.start(keychain.desktop(), service, locks, jvmOptions);
    }

    @Test
    void entriesAreWrittenReadReplacedAndRemoved() throws Exception {
        try (DriverProcess p = latchkey()) {
            assertThat(p.ask("open")).isEqualTo("mode Keychain Signed-in session kept in the OS keychain (Secret Service: "
                    + keychain.name() + ").");
            assertThat(p.ask("read ada/refresh-token")).isEqualTo("absent");
            assertThat(p.ask("write ada/refresh-token first")).isEqualTo("ok");
            assertThat(p.ask("read ada/refresh-token")).isEqualTo("value first");
            assertThat(p.ask("write ada/refresh-token second")).isEqualTo("ok");
            assertThat(p.ask("read ada/refresh-token")).isEqualTo("value second");
            assertThat(keychain.accounts(service)).containsExactly("ada/refresh-token");
            assertThat(p.ask("delete ada/refresh-token")).isEqualTo("ok");
            assertThat(p.ask("read ada/refresh-token")).isEqualTo("absent");
            assertThat(p.ask("delete ada/refresh-token")).as("removing what is not there").isEqualTo("ok");
            assertThat(keychain.accounts(service)).isEmpty();
        }
    }

    @Test
    void aLongValueIsKeptWholeInOneEntryThatAnotherProcessReadsAndReplaces() throws Exception {
        byte[] bytes = new byte[12 * 1024];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 16 * 1024);
        try (DriverProcess writer = latchkey(); DriverProcess reader = latchkey()) {
            writer.ask("open");
            assertThat(writer.ask("write ada/short-lived " + value)).isEqualTo("ok");
            reader.ask("open");
            String read = reader.ask("read ada/short-lived");
            assertThat(read.equals("value " + value)).as("the other process reads the 16 KB value whole; it answered %s…",
                    read.substring(0, Math.min(40, read.length()))).isTrue();
            assertThat(keychain.accounts(service)).as("no parts: the Secret Service takes long values").containsExactly("ada/short-lived");
            assertThat(reader.ask("write ada/short-lived short now")).isEqualTo("ok");
            assertThat(writer.ask("read ada/short-lived")).isEqualTo("value short now");
            assertThat(reader.ask("delete ada/short-lived")).isEqualTo("ok");
            assertThat(keychain.accounts(service)).isEmpty();
        }
    }

    @Test
    void aSignInIsKeptForTheNextProcessRefreshedAcrossProcessesAndRemovedWholeAtSignOut() throws Exception {
        String url = broker.url().toString();
        try (DriverProcess first = latchkey(); DriverProcess second = latchkey()) {
            first.ask("open");
            assertThat(first.ask("login " + url + " ada")).startsWith("signed-in ");
            // The keychain's own tool may read its file, which is saved a moment after a change.
            await().atMost(Duration.ofSeconds(15)).until(() -> !entriesSeenOutside().isEmpty());

            second.ask("open");
            assertThat(second.ask("status " + url)).isEqualTo("user Ada Lovelace");
            String before = first.ask("token " + url);
            assertThat(second.ask("token " + url)).isEqualTo(before);

            // Time passes: the access token expires, and the other process refreshes it.
            assertThat(first.ask("expire " + url)).isEqualTo("ok");
            String refreshed = second.ask("token " + url);
            assertThat(refreshed).startsWith("token ").isNotEqualTo(before);
            assertThat(first.ask("token " + url)).as("the first process reads the refreshed token").isEqualTo(refreshed);

            assertThat(first.ask("logout " + url)).isEqualTo("ok");
            assertThat(keychain.accounts(CredentialKey.serviceOf(broker.url()))).as("every entry removed").isEmpty();
            await().atMost(Duration.ofSeconds(15)).until(() -> entriesSeenOutside().isEmpty());
            assertThat(second.ask("status " + url)).isEqualTo("nobody");
        }
    }

    @Test
    void aLockedKeychainAsksThePersonToUnlockItAndWaitsLongerThanTheProbe() throws Exception {
        String url = broker.url().toString();
        try (DriverProcess first = latchkey()) {
            first.ask("open");
            first.ask("login " + url + " ada");
            keychain.lock();
            try (DriverProcess next = latchkey()) {
                next.send("open");
                assertThat(next.awaitPrompt())
                        .isEqualTo("prompt UNLOCK Unlock your keychain to continue — waiting up to 60 s");
                // The person takes longer than the probe's 3 s bound: the session must not go memory-only.
                Thread.sleep(KeychainProbe.DEFAULT_BOUND.toMillis() + 1500);
                keychain.answerUnlock();
                assertThat(next.answer()).startsWith("mode Keychain ");
                assertThat(next.ask("status " + url)).isEqualTo("user Ada Lovelace");
            }
            first.ask("logout " + url);
        }
    }

    @Test
    void aKeychainLockedMidSessionIsUnlockedOnTheNextRead() throws Exception {
        String url = broker.url().toString();
        try (DriverProcess p = latchkey()) {
            p.ask("open");
            p.ask("login " + url + " ada");
            keychain.lock();
            p.send("status " + url);
            assertThat(p.awaitPrompt()).startsWith("prompt UNLOCK ");
            keychain.answerUnlock();
            assertThat(p.answer()).isEqualTo("user Ada Lovelace");
            p.ask("logout " + url);
        }
    }

    @Test
    void aDeclinedUnlockIsAMemoryOnlySessionThatSaysWhyInPlainWords() throws Exception {
        keychain.lock();
        try (DriverProcess p = latchkey()) {
            p.send("open");
            assertThat(p.awaitPrompt()).startsWith("prompt UNLOCK ");
            keychain.declineUnlock();
            assertThat(p.answer()).isEqualTo("mode MemoryOnly Memory-only session: you declined to unlock the keychain."
                    + " You will be signed out when Latchkey quits.");
        } finally {
            unlockAgain();
        }
    }

    @Test
    void aStoreOpenedForReadsReadsWritesAndNamesTheKeychainAndUnlocksALockedOne() throws Exception {
        try (DriverProcess writer = latchkey()) {
            writer.ask("open");
            assertThat(writer.ask("write ada/user kept")).isEqualTo("ok");
            try (DriverProcess p = latchkey()) {
                assertThat(p.ask("open-for-reads")).as("the same words as a store opened the long way")
                        .isEqualTo("mode Keychain Signed-in session kept in the OS keychain (Secret Service: "
                                + keychain.name() + ").");
                assertThat(p.ask("read ada/user")).isEqualTo("value kept");
                assertThat(p.ask("read ada/refresh-token")).isEqualTo("absent");
                assertThat(p.ask("write ada/refresh-token mine")).isEqualTo("ok");
                assertThat(writer.ask("read ada/refresh-token")).isEqualTo("value mine");
            }
            keychain.lock();
            try (DriverProcess p = latchkey()) {
                p.send("open-for-reads");
                assertThat(p.awaitPrompt()).startsWith("prompt UNLOCK ");
                keychain.answerUnlock();
                assertThat(p.answer()).startsWith("mode Keychain ");
                assertThat(p.ask("read ada/user")).isEqualTo("value kept");
                assertThat(p.ask("delete ada/user")).isEqualTo("ok");
                assertThat(p.ask("delete ada/refresh-token")).isEqualTo("ok");
            }
        }
    }

    /** Leaves the keychain unlocked for the next test, the way a person would unlock it. */
    void unlockAgain() throws Exception {
        try (DriverProcess p = latchkey()) {
            p.send("open");
            if (p.awaitPrompt().startsWith("prompt UNLOCK")) {
                keychain.answerUnlock();
            }
            assertThat(p.answer()).startsWith("mode Keychain");
        }
    }
}
