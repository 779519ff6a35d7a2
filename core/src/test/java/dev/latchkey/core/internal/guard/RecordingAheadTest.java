package dev.latchkey.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.Session;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.Received;
import dev.latchkey.core.keychain.CountingKeychain;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LeakGuard#recordingOneLaunch}: the guard's key (and its file) are read while the values
 * are fetched, through the keychain the process already opened, so a launch whose child ends at
 * once waits only for the fingerprints to be written; and a file another launch replaced
 * meanwhile is not written over.
 */
class RecordingAheadTest {

    private static final URI BROKER = URI.create("https://broker.example");
    private static final SecretRef DB = SecretRef.parse("latchkey://payments/dev/db-url");

    @TempDir
    Path state;

    @Test
    void theKeyIsReadThroughTheSharedKeychainBeforeTheValuesArrive() throws Exception {
        CountingKeychain shared = CountingKeychain.outlivingTheProcess();
        CountDownLatch keyRead = nextKeyRead(shared);
        // A guard on the OS keychain: given the process's open keychain, it never opens its own.
        LeakGuard guard = LeakGuard.builder().folder(state).build();
        AtomicBoolean keyReadFirst = new AtomicBoolean();
        SecretSource broker = (refs, sandboxes) -> {
            keyReadFirst.set(await(keyRead));
            return granted(DB, "postgres://ada:s3cret-db-value@db");
        };
        List<String> notices = new ArrayList<>();

        guard.recordingOneLaunch(broker, BROKER, notices::add, Optional.of(shared)).resolve(Set.of(DB), Map.of());
        guard.awaitRecording(Duration.ofSeconds(5));

        assertThat(keyReadFirst).as("the key was read while the broker answered").isTrue();
        assertThat(notices).isEmpty();
        assertThat(labels(shared)).containsExactly(DB.toString());
    }

    @Test
    void aKeyThatIsThereIsReadWithoutAskingTheKeychainItsModeWhichMayCostANativeBinding() throws Exception {
        CountingKeychain shared = CountingKeychain.outlivingTheProcess();
        record(LeakGuard.builder().folder(state).build(), shared, DB, "postgres://ada:s3cret-db-value@db");
        int asked = shared.modeAsked();

        record(LeakGuard.builder().folder(state).build(), shared, DB, "postgres://ada:s3cret-db-value@db");

        assertThat(shared.modeAsked()).as("asked only before the key was made").isEqualTo(asked);
    }

    @Test
    void aMemoryOnlyKeychainGetsNoKeyAndTheLaunchIsToldFingerprintsAreOff() throws Exception {
        CountingKeychain memory = new CountingKeychain(new StorageMode.MemoryOnly("no keychain in this test"));
        List<String> notices = record(LeakGuard.builder().folder(state).build(), memory, DB, "postgres://ada:s3cret-db-value@db");
        // The notice is handed on as the recording ends, on the guard's thread.
        for (int i = 0; i < 500 && notices.isEmpty(); i++) {
            Thread.sleep(10);
        }

        assertThat(notices).containsExactly("latchkey guard: values not recorded: fingerprints are off: "
                + "no keychain in this test; pattern rules still run");
        assertThat(memory.entries().size()).isZero();
    }

    private static List<String> record(LeakGuard guard, CountingKeychain keychain, SecretRef ref, String value) throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        guard.recordingOneLaunch((refs, sandboxes) -> granted(ref, value), BROKER, notices::add, Optional.of(keychain))
                .resolve(Set.of(ref), Map.of());
        guard.awaitRecording(Duration.ofSeconds(5));
        return notices;
    }

    @Test
    void aSessionLendsOnlyAKeychainItOpenedItself() {
        assertThat(Session.builder(BROKER).credentialStore(CountingKeychain.outlivingTheProcess()).build().sharedKeychain()).isEmpty();
    }

    @Test
    void aGuardGivenItsOwnStoreKeepsItAndStillReadsAhead() throws Exception {
        CountingKeychain own = CountingKeychain.outlivingTheProcess();
        CountDownLatch ownKeyRead = nextKeyRead(own);
        CountingKeychain shared = CountingKeychain.outlivingTheProcess();
        LeakGuard guard = LeakGuard.builder().folder(state).credentialStore(own).build();
        AtomicBoolean keyReadFirst = new AtomicBoolean();
        SecretSource broker = (refs, sandboxes) -> {
            keyReadFirst.set(await(ownKeyRead));
            return granted(DB, "postgres://ada:s3cret-db-value@db");
        };

        guard.recordingOneLaunch(broker, BROKER, n -> { }, Optional.of(shared)).resolve(Set.of(DB), Map.of());
        guard.awaitRecording(Duration.ofSeconds(5));

        assertThat(keyReadFirst).isTrue();
        assertThat(shared.entries().size()).isZero();
        assertThat(labels(own)).containsExactly(DB.toString());
    }

    @Test
    void aFileAnotherLaunchReplacedAfterItWasReadAheadIsReadAgainUnderTheLock() throws Exception {
        CountingKeychain keychain = CountingKeychain.outlivingTheProcess();
        SecretRef other = SecretRef.parse("latchkey://payments/dev/api-key");
        LeakGuard first = LeakGuard.builder().folder(state).credentialStore(keychain).build();
        first.record(List.of(Received.secret(DB, "postgres://ada:s3cret-db-value@db", BROKER))).get(5, TimeUnit.SECONDS);
        LeakGuard launch = LeakGuard.builder().folder(state).credentialStore(keychain).build();
        LeakGuard another = LeakGuard.builder().folder(state).credentialStore(keychain).build();
        SecretRef third = SecretRef.parse("latchkey://payments/dev/third");
        CountDownLatch launchKeyRead = nextKeyRead(keychain);
        SecretSource broker = (refs, sandboxes) -> {
            // The launch read the file (before its key); another launch records meanwhile.
            assertThat(await(launchKeyRead)).isTrue();
            try {
                assertThat(another.record(List.of(Received.secret(other, "sk_live_another-value-1234", BROKER)))
                        .get(5, TimeUnit.SECONDS)).isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return granted(third, "a-third-value-5678");
        };

        launch.recordingOneLaunch(broker, BROKER, n -> { }, Optional.empty()).resolve(Set.of(third), Map.of());
        launch.awaitRecording(Duration.ofSeconds(5));

        assertThat(labels(keychain)).containsExactlyInAnyOrder(DB.toString(), other.toString(), third.toString());
    }

    @Test
    void aFileReadAheadIsUsedWhenNothingReplacedIt() throws Exception {
        Path file = state.resolve("fingerprints.lkg");
        CountingKeychain keychain = CountingKeychain.outlivingTheProcess();
        LeakGuard.builder().folder(state).credentialStore(keychain).build()
                .record(List.of(Received.secret(DB, "postgres://ada:s3cret-db-value@db", BROKER))).get(5, TimeUnit.SECONDS);

        LoadedFingerprints ahead = FingerprintFile.load(file);
        assertThat(ahead.stillCurrent()).isTrue();
        LeakGuard.builder().folder(state).credentialStore(keychain).build()
                .record(List.of(Received.secret(DB, "postgres://ada:s3cret-db-value@db", BROKER))).get(5, TimeUnit.SECONDS);
        assertThat(ahead.stillCurrent()).as("replaced by the second record").isFalse();
        assertThat(FingerprintFile.load(state.resolve("none.lkg")).stillCurrent()).as("still no file").isTrue();
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Resolution granted(SecretRef ref, String value) {
        return new Resolution.Granted(Map.of(ref, new ResolvedSecret(ref, value, Optional.empty(), Optional.empty())),
                Map.of());
    }

    private List<String> labels(CountingKeychain keychain) throws Exception {
        FingerprintSet set = FingerprintFile.read(state.resolve("fingerprints.lkg"), GuardKey.load(keychain, false).id());
        return set.entries().stream().map(FingerprintSet.Entry::label).toList();
    }

    /** Counts down at the next read of the guard's key from {@code keychain}. */
    private static CountDownLatch nextKeyRead(CountingKeychain keychain) {
        CountDownLatch read = new CountDownLatch(1);
        keychain.onRead(key -> {
            if (key.equals(GuardKey.ENTRY)) {
                read.countDown();
            }
        });
        return read;
    }
}
