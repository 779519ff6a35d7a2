package dev.latchkey.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.Session;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.Received;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
        Keychain shared = new Keychain();
        // A guard on the OS keychain: given the process's open keychain, it never opens its own.
        LeakGuard guard = LeakGuard.builder().folder(state).build();
        AtomicBoolean keyReadFirst = new AtomicBoolean();
        SecretSource broker = (refs, sandboxes) -> {
            keyReadFirst.set(await(shared.guardKeyRead));
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
        Keychain shared = new Keychain();
        record(LeakGuard.builder().folder(state).build(), shared, DB, "postgres://ada:s3cret-db-value@db");
        int asked = shared.modeAsked.get();

        record(LeakGuard.builder().folder(state).build(), shared, DB, "postgres://ada:s3cret-db-value@db");

        assertThat(shared.modeAsked).as("asked only before the key was made").hasValue(asked);
    }

    @Test
    void aMemoryOnlyKeychainGetsNoKeyAndTheLaunchIsToldFingerprintsAreOff() throws Exception {
        Keychain memory = new Keychain(new StorageMode.MemoryOnly("no keychain in this test"));
        List<String> notices = record(LeakGuard.builder().folder(state).build(), memory, DB, "postgres://ada:s3cret-db-value@db");
        // The notice is handed on as the recording ends, on the guard's thread.
        for (int i = 0; i < 500 && notices.isEmpty(); i++) {
            Thread.sleep(10);
        }

        assertThat(notices).containsExactly("latchkey guard: values not recorded: fingerprints are off: "
                + "no keychain in this test; pattern rules still run");
        assertThat(memory.entries).isEmpty();
    }

    private static List<String> record(LeakGuard guard, Keychain keychain, SecretRef ref, String value) throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        guard.recordingOneLaunch((refs, sandboxes) -> granted(ref, value), BROKER, notices::add, Optional.of(keychain))
                .resolve(Set.of(ref), Map.of());
        guard.awaitRecording(Duration.ofSeconds(5));
        return notices;
    }

    @Test
    void aSessionLendsOnlyAKeychainItOpenedItself() {
        assertThat(Session.builder(BROKER).credentialStore(new Keychain()).build().sharedKeychain()).isEmpty();
    }

    @Test
    void aGuardGivenItsOwnStoreKeepsItAndStillReadsAhead() throws Exception {
        Keychain own = new Keychain();
        Keychain shared = new Keychain();
        LeakGuard guard = LeakGuard.builder().folder(state).credentialStore(own).build();
        AtomicBoolean keyReadFirst = new AtomicBoolean();
        SecretSource broker = (refs, sandboxes) -> {
            keyReadFirst.set(await(own.guardKeyRead));
            return granted(DB, "postgres://ada:s3cret-db-value@db");
        };

        guard.recordingOneLaunch(broker, BROKER, n -> { }, Optional.of(shared)).resolve(Set.of(DB), Map.of());
        guard.awaitRecording(Duration.ofSeconds(5));

        assertThat(keyReadFirst).isTrue();
        assertThat(shared.entries).isEmpty();
        assertThat(labels(own)).containsExactly(DB.toString());
    }

    @Test
    void aFileAnotherLaunchReplacedAfterItWasReadAheadIsReadAgainUnderTheLock() throws Exception {
        Keychain keychain = new Keychain();
        SecretRef other = SecretRef.parse("latchkey://payments/dev/api-key");
        LeakGuard first = LeakGuard.builder().folder(state).credentialStore(keychain).build();
        first.record(List.of(Received.secret(DB, "postgres://ada:s3cret-db-value@db", BROKER))).get(5, TimeUnit.SECONDS);
        LeakGuard launch = LeakGuard.builder().folder(state).credentialStore(keychain).build();
        LeakGuard another = LeakGuard.builder().folder(state).credentialStore(keychain).build();
        SecretRef third = SecretRef.parse("latchkey://payments/dev/third");
        CountDownLatch launchKeyRead = keychain.nextKeyRead();
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
        Keychain keychain = new Keychain();
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

    private List<String> labels(Keychain keychain) throws Exception {
        FingerprintSet set = FingerprintFile.read(state.resolve("fingerprints.lkg"), GuardKey.load(keychain, false).id());
        return set.entries().stream().map(FingerprintSet.Entry::label).toList();
    }

    /** A keychain in memory that says it outlives the process, and tells when the guard's key was read. */
    private static final class Keychain implements CredentialStore {
        final Map<CredentialKey, String> entries = new ConcurrentHashMap<>();
        final AtomicInteger modeAsked = new AtomicInteger();
        private final StorageMode mode;

        Keychain() {
            this(new StorageMode.Keychain("a keychain in the test"));
        }

        Keychain(StorageMode mode) {
            this.mode = mode;
        }
        volatile CountDownLatch guardKeyRead = new CountDownLatch(1);

        /** Waits anew for the next read of the guard's key. */
        CountDownLatch nextKeyRead() {
            guardKeyRead = new CountDownLatch(1);
            return guardKeyRead;
        }

        @Override
        public Optional<String> read(CredentialKey key) {
            Optional<String> value = Optional.ofNullable(entries.get(key));
            if (key.equals(GuardKey.ENTRY)) {
                guardKeyRead.countDown();
            }
            return value;
        }

        @Override
        public void write(CredentialKey key, String value) {
            entries.put(key, value);
        }

        @Override
        public void delete(CredentialKey key) {
            entries.remove(key);
        }

        @Override
        public StorageMode mode() {
            modeAsked.incrementAndGet();
            return mode;
        }
    }
}
