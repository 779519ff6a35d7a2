package dev.latchkey.core.internal.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.keychain.KeychainPromptListener;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-command store ({@link KeychainProbe#openForReads}) reads with {@code secret-tool} against the
 * real Secret Service (gnome-keyring on a private session bus, {@code .ci/with-keyring}) and opens
 * libsecret only for writes or a read the tool does not answer; it names the keychain as the long
 * way does, and takes the long way whenever {@code dbus-send} does not find the keychain plainly
 * unlocked (checked with stand-in tools, since locking the CI keychain could not be undone).
 */
class ToolReadStoreTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String EMPTY_SEARCH = "method return x\n   array [\n   ]\n   array [\n   ]\n";

    private CredentialStore full;
    private CredentialKey key;

    @TempDir
    Path dir;

    @BeforeEach
    void openKeychain() {
        full = KeychainProbe.open();
        if (!(full.mode() instanceof StorageMode.Keychain)) {
            RealParts.missing("no OS keychain answered: " + full.mode().describe()
                    + " (run inside dbus-run-session with .ci/with-keyring)");
        }
        for (Path tool : List.of(SecretToolReader.DEFAULT_TOOL, SecretServiceBus.DEFAULT_TOOL)) {
            if (!Files.isExecutable(tool)) {
                RealParts.missing(tool + " is missing (Debian packages libsecret-tools, dbus-bin)");
            }
        }
        key = CredentialKey.of(URI.create("http://127.0.0.1:" + (20000 + RANDOM.nextInt(20000))), "ada", "access-token");
    }

    @Test
    void readsWithTheToolNamesTheKeychainAsTheLongWayAndOpensLibsecretOnlyToWrite() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        CredentialStore store = KeychainProbe.toolReads(KeychainProbe.DEFAULT_BOUND, () -> {
            opened.incrementAndGet();
            return KeychainProbe.open();
        }).orElseThrow();
        assertThat(store.mode()).isEqualTo(full.mode());
        assertThat(((StorageMode.Keychain) store.mode()).backend()).isEqualTo("Secret Service: GNOME Keyring");
        assertThat(KeychainProbe.openForReads(KeychainProbe.DEFAULT_BOUND, KeychainPromptListener.NONE)).isInstanceOf(ToolReadStore.class);

        assertThat(store.read(key)).isEmpty();
        full.write(key, "a value with spaces, ünïcode and a line\nbreak");
        assertThat(store.read(key)).contains("a value with spaces, ünïcode and a line\nbreak");
        full.write(key, "x".repeat(20_000));
        assertThat(store.read(key)).contains("x".repeat(20_000));
        assertThat(opened).as("reads need no libsecret").hasValue(0);

        store.write(key, "written-by-the-command");
        assertThat(opened).hasValue(1);
        assertThat(full.read(key)).contains("written-by-the-command");
        assertThat(store.read(key)).contains("written-by-the-command");
        store.delete(key);
        assertThat(store.read(key)).isEmpty();
        assertThat(full.read(key)).isEmpty();
        assertThat(opened).hasValue(1);
    }

    @Test
    void aWholeServiceIsReadInOneSearchAndOnlyWhenEveryEntryIsOneWholeValue() throws Exception {
        ToolReadStore store = (ToolReadStore) KeychainProbe.toolReads(KeychainProbe.DEFAULT_BOUND, KeychainProbe::open)
                .orElseThrow();
        CredentialKey other = key.withAccount("ada/user");
        assertThat(store.readService(key.service())).contains(Map.of());
        full.write(key, "the-token");
        full.write(other, "{\"name\": \"Ada = Lovelace\"}");
        assertThat(store.readService(key.service())).contains(Map.of(key.account(), "the-token", other.account(),
                "{\"name\": \"Ada = Lovelace\"}"));
        full.write(other, "a line\nbreak");
        assertThat(store.readService(key.service())).as("not plain: read entry by entry").isEmpty();
        assertThat(store.read(other)).contains("a line\nbreak");
        new ChunkedCredentialStore(KeychainProbe.lookupEntries().orElseThrow(), 16).write(other, "x".repeat(40));
        assertThat(store.readService(key.service())).as("in parts, as an earlier version wrote it").isEmpty();
        assertThat(store.read(other)).contains("x".repeat(40));
        assertThat(store.fullOpened()).isFalse();
        full.delete(other);
        full.delete(key);
    }

    @Test
    void aToolThatDoesNotAnswerPlainlySendsTheReadAndAllLaterCallsToLibsecret() throws Exception {
        full.write(key, "the-value");
        for (String body : new String[] {"echo 'secret-tool: Cannot autolaunch D-Bus' >&2; exit 1", "kill -9 $$",
            "exit 2"}) {
            AtomicInteger opened = new AtomicInteger();
            CredentialStore store = ToolReadStore.open(new SecretToolReader(FakeTool.write(dir, "secret-tool", body), Optional::empty),
                    realBus(), counting(opened, KeychainProbe::open)).orElseThrow();
            assertThat(store.read(key)).as(body).contains("the-value");
            assertThat(store.read(key)).as(body).contains("the-value");
            assertThat(opened).as(body).hasValue(1);
            assertThat(((ToolReadStore) store).fullOpened()).isTrue();
        }
        full.delete(key);
    }

    @Test
    void aKeychainMissingWhenTheToolFailsIsMemoryOnlyWithItsReason() throws Exception {
        CredentialStore store = ToolReadStore.open(new SecretToolReader(FakeTool.write(dir, "secret-tool", "echo gone >&2; exit 1"),
                Optional::empty), realBus(), () -> new InMemoryCredentialStore("the keychain stopped")).orElseThrow();
        assertThat(store.read(key)).isEmpty();
        assertThat(store.mode()).isEqualTo(new StorageMode.MemoryOnly("the keychain stopped"));
    }

    @Test
    void aLockedMissingOrUnclearKeychainTakesTheLongWay() throws Exception {
        Path tool = SecretToolReader.DEFAULT_TOOL;
        for (String get : new String[] {"variant       boolean true", "variant       string \"x\"", ""}) {
            SecretServiceBus bus = fakeBus("printf 'method return x\\n   " + get + "\\n'", "printf 'method return x\\n   uint32 1\\n'",
                    "printf '" + EMPTY_SEARCH.replace("\n", "\\n") + "'");
            assertThat(ToolReadStore.open(new SecretToolReader(tool, Optional::empty), bus, () -> full)).as(get).isEmpty();
        }
    }

    @Test
    void aProcessThatCannotBeNamedIsJustTheSecretServiceAsTheLongWaySays() throws Exception {
        SecretServiceBus noOwner = fakeBus("printf 'method return x\\n   variant       boolean false\\n'",
                "echo 'Error org.freedesktop.DBus.Error.NameHasNoOwner' >&2; exit 1", "exit 1");
        CredentialStore store = ToolReadStore.open(new SecretToolReader(SecretToolReader.DEFAULT_TOOL, Optional::empty),
                noOwner, () -> full).orElseThrow();
        assertThat(store.mode()).isEqualTo(new StorageMode.Keychain("Secret Service"));
    }

    @Test
    void aServiceWithALockedEntryIsReadTheLongWay() throws Exception {
        full.write(key, "behind-an-access-request");
        SecretServiceBus bus = fakeBus("printf 'method return x\\n   variant       boolean false\\n'",
                "printf 'method return x\\n   uint32 1\\n'",
                "printf 'method return x\\n   array [\\n   ]\\n   array [\\n      object path \"/o/1\"\\n   ]\\n'");
        AtomicInteger opened = new AtomicInteger();
        CredentialStore store = ToolReadStore.open(new SecretToolReader(FakeTool.write(dir, "secret-tool", "echo wrong; exit 0"),
                Optional::empty), bus, counting(opened, KeychainProbe::open)).orElseThrow();
        assertThat(store.read(key)).contains("behind-an-access-request");
        assertThat(opened).hasValue(1);
        full.delete(key);
    }

    @Test
    void aBusThatHangsIsGivenUpWithinItsBound() throws Exception {
        SecretServiceBus bus = new SecretServiceBus(FakeTool.write(dir, "dbus-send", "sleep 30"), Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(ToolReadStore.open(new SecretToolReader(SecretToolReader.DEFAULT_TOOL, Optional::empty), bus, () -> full))
                .isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void noValueIsPassedInArguments() throws Exception {
        Path args = dir.resolve("args");
        full.write(key, "the-secret-value-42");
        Path tool = FakeTool.write(dir, "secret-tool", "echo \"$@\" >> " + args + "; exec " + SecretToolReader.DEFAULT_TOOL + " \"$@\"");
        Path busTool = FakeTool.write(dir, "dbus-send", "echo \"$@\" >> " + args + "; exec " + SecretServiceBus.DEFAULT_TOOL + " \"$@\"");
        CredentialStore store = ToolReadStore.open(new SecretToolReader(tool, Optional::empty),
                new SecretServiceBus(busTool, KeychainProbe.DEFAULT_BOUND), () -> full).orElseThrow();
        assertThat(store.read(key)).contains("the-secret-value-42");
        assertThat(Files.readString(args)).contains("lookup", "SearchItems", key.account())
                .doesNotContain("the-secret-value-42");
        full.delete(key);
    }

    private SecretServiceBus realBus() {
        return new SecretServiceBus(SecretServiceBus.DEFAULT_TOOL, KeychainProbe.DEFAULT_BOUND);
    }

    /** A stand-in dbus-send answering the collection's Locked, the owner's pid and a search. */
    private SecretServiceBus fakeBus(String locked, String pid, String search) throws Exception {
        return new SecretServiceBus(FakeTool.write(dir, "dbus-send", "case \"$*\" in\n*Properties.Get*) " + locked + ";;\n"
                + "*GetConnectionUnixProcessID*) " + pid + ";;\n*SearchItems*) " + search + ";;\nesac"), Duration.ofSeconds(3));
    }

    private static Supplier<CredentialStore> counting(AtomicInteger count, Supplier<CredentialStore> open) {
        return () -> {
            count.incrementAndGet();
            return open.get();
        };
    }
}
