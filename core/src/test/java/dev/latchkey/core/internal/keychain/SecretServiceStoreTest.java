package dev.latchkey.core.internal.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OS keychain for real: on Linux CI, gnome-keyring's Secret Service on a private session bus
 * ({@code .ci/with-keyring}). Checked from outside with {@code secret-tool}.
 */
class SecretServiceStoreTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private CredentialStore store;
    private URI broker;

    @BeforeEach
    void openKeychain() {
        store = KeychainProbe.open();
        if (!(store.mode() instanceof StorageMode.Keychain)) {
            RealParts.missing("no OS keychain answered: " + store.mode().describe()
                    + " (run inside dbus-run-session with .ci/with-keyring)");
        }
        broker = URI.create("http://127.0.0.1:" + (20000 + RANDOM.nextInt(20000)));
    }

    @Test
    void writeReadReplaceAndDelete() throws Exception {
        CredentialKey key = CredentialKey.of(broker, "ada", "refresh-token");
        store.write(key, "first");
        assertThat(store.read(key)).contains("first");
        store.write(key, "second");
        assertThat(store.read(key)).contains("second");
        store.delete(key);
        assertThat(store.read(key)).isEmpty();
        store.delete(key); // removing what is not there is fine
    }

    @Test
    void aSixteenKilobyteValueIsStoredWholeInOneItemAndReadBack() throws Exception {
        CredentialKey key = CredentialKey.of(broker, "ada", "short-lived");
        String value = randomText(16 * 1024);
        store.write(key, value);
        assertThat(store.read(key)).contains(value);
        assertThat(secretToolAccounts(CredentialKey.serviceOf(broker))).containsExactly("ada/short-lived");
        store.delete(key);
        assertThat(secretToolAccounts(CredentialKey.serviceOf(broker))).isEmpty();
    }

    @Test
    void secretToolSeesExactlyWhatLatchkeyStoredUnderItsAttributes() throws Exception {
        String service = CredentialKey.serviceOf(broker);
        store.write(CredentialKey.of(broker, "ada", "refresh-token"), "rt-value");
        store.write(CredentialKey.of(broker, "ada", "access-token"), "{\"token\":\"at\",\"expiresAt\":1}");
        assertThat(secretToolAccounts(service)).containsExactlyInAnyOrder("ada/refresh-token", "ada/access-token");
        assertThat(run("secret-tool", "lookup", "service", service, "account", "ada/refresh-token"))
                .isEqualTo("=rt-value");
        store.delete(CredentialKey.of(broker, "ada", "refresh-token"));
        store.delete(CredentialKey.of(broker, "ada", "access-token"));
        assertThat(secretToolAccounts(service)).isEmpty();
    }

    @Test
    void readAndWriteLatencyMedianOfAHundred() throws Exception {
        CredentialKey key = CredentialKey.of(broker, "ada", "access-token");
        long[] writes = new long[100];
        long[] reads = new long[100];
        for (int i = 0; i < 100; i++) {
            long t0 = System.nanoTime();
            store.write(key, "token-" + i);
            long t1 = System.nanoTime();
            store.read(key);
            long t2 = System.nanoTime();
            writes[i] = t1 - t0;
            reads[i] = t2 - t1;
        }
        store.delete(key);
        Arrays.sort(writes);
        Arrays.sort(reads);
        System.out.printf("KEYCHAIN LATENCY median of 100: write %.2f ms, read %.2f ms%n",
                writes[50] / 1e6, reads[50] / 1e6);
        assertThat(reads[50]).isLessThan(TimeUnit.SECONDS.toNanos(1));
    }

    private static String randomText(int chars) {
        byte[] bytes = new byte[chars];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, chars);
    }

    /** The {@code account} attribute of every item {@code secret-tool search} finds for {@code service}. */
    private static List<String> secretToolAccounts(String service) throws IOException, InterruptedException {
        String out = run("secret-tool", "search", "--all", "service", service);
        List<String> accounts = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("attribute.account = ")) {
                accounts.add(line.substring("attribute.account = ".length()).strip());
            }
        }
        return accounts;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 10 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
