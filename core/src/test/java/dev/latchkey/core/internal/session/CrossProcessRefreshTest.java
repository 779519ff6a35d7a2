package dev.latchkey.core.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nineteen threads and one other JVM, sharing the OS keychain and the lock folder, ask for the
 * access token at once while the stored one has expired: one refresh happens (the lock file makes
 * the others wait, then they re-read the keychain), and all twenty get the same valid token.
 */
class CrossProcessRefreshTest {

    @TempDir
    Path locks;

    @Test
    void nineteenThreadsAndAnotherProcessShareOneRefresh() throws Exception {
        CredentialStore keychain = KeychainProbe.open();
        if (!(keychain.mode() instanceof StorageMode.Keychain)) {
            RealParts.missing("no OS keychain to share between processes: " + keychain.mode().describe());
        }
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            Session first = Session.builder(broker.url()).credentialStore(keychain).lockDirectory(locks)
                    .pause(d -> { }).build();
            User user = first.signIn(p -> DevSignIn.approve(broker.url(), p.userCode(), "ada"));
            String before = first.accessToken();
            // Expire the stored access token, as time would.
            keychain.write(CredentialKey.of(broker.url(), user.subject(), "access-token"),
                    "{\"token\":\"" + before + "\",\"expiresAt\":1}");

            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    AccessTokenInChildJvm.class.getName(), broker.url().toString(), locks.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            List<String> childLines = new ArrayList<>();
            String line;
            while ((line = childOut.readLine()) != null && !line.equals("ready")) {
                childLines.add(line);
            }
            assertThat(childLines).contains("mode=Keychain");

            int threads = 19;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Session each = Session.builder(broker.url()).credentialStore(keychain).lockDirectory(locks).build();
                    results.add(pool.submit(() -> {
                        go.await();
                        return sha256(each.accessToken());
                    }));
                }
                try (Writer toChild = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                    toChild.write("go\n");
                }
                go.countDown();
                Set<String> digests = new HashSet<>();
                for (Future<String> f : results) {
                    digests.add(f.get(60, TimeUnit.SECONDS));
                }
                String childDigest = null;
                while ((line = childOut.readLine()) != null) {
                    if (line.startsWith("token-sha256=")) {
                        childDigest = line.substring("token-sha256=".length());
                    }
                }
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(childDigest).as("the other process got a token").isNotNull();
                digests.add(childDigest);
                // One refresh mints one new token: twenty askers, one distinct token, not the old one.
                assertThat(digests).hasSize(1).doesNotContain(sha256(before));
                assertThat(Latchkey.brokerClient(broker.url(), first.bearerToken()).me().subject())
                        .isEqualTo(user.subject());
            } finally {
                pool.shutdownNow();
                child.destroyForcibly();
                first.signOut();
            }
        }
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
