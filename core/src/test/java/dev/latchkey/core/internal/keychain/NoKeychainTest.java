package dev.latchkey.core.internal.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no Secret Service at all, Latchkey runs memory-only, says so, and finds out quickly.
 * The absence is real: a child JVM whose session bus address points at a socket that does not
 * exist, with no display (so D-Bus cannot autolaunch one) and an empty HOME.
 */
class NoKeychainTest {

    private static final long BOUND_MS = 3000;

    @TempDir
    Path home;

    @Test
    void theProbeSettlesForMemoryOnlyWithinItsBoundAndSaysWhyInPlainWords() throws Exception {
        String out = probeWithoutABus();
        assertThat(out).contains("describe=Memory-only session: there is no desktop session bus to reach a keychain"
                + " through. You will be signed out when Latchkey quits.");
    }

    @Test
    void withoutLibsecretTooTheReasonIsPlainWordsNotTheLibrarysOwn() throws Exception {
        String out = probeWithoutABus("-D" + KeychainProbe.LIBSECRET_PROPERTY + "=none");
        // java-keyring loads a Java D-Bus stack first: on a busy machine that alone can outlast the bound.
        assertThat(out).containsAnyOf(
                "describe=Memory-only session: no keychain is available on this system. You will be signed out",
                "describe=Memory-only session: the keychain did not answer within 3 s. You will be signed out")
                .doesNotContain("No available keyring backend found");
    }

    private String probeWithoutABus(String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                ProbeInChildJvm.class.getName(), Long.toString(BOUND_MS)));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + home.resolve("no-bus-here"));
        env.remove("DISPLAY");
        env.remove("XDG_RUNTIME_DIR");
        env.put("HOME", home.toString());
        long t0 = System.nanoTime();
        Process child = pb.start();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(out).contains("mode=MemoryOnly");
        String describe = out.lines().filter(l -> l.startsWith("describe=")).findFirst().orElseThrow();
        assertThat(describe).as("one full stop per sentence, no library's words in brackets")
                .doesNotContain("..").doesNotContain("(");
        long probeMs = Long.parseLong(out.lines().filter(l -> l.startsWith("elapsedMs=")).findFirst()
                .orElseThrow().substring("elapsedMs=".length()));
        System.out.println("NO-KEYCHAIN probe took " + probeMs + " ms (bound " + BOUND_MS + " ms), child JVM "
                + wallMs + " ms: " + out.strip());
        assertThat(probeMs).isLessThanOrEqualTo(BOUND_MS + 500);
        try (var files = Files.walk(home)) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("no file fallback").isEmpty();
        }
        return out;
    }

    @Test
    void aSessionWithAnInMemoryStoreSaysItIsMemoryOnly() {
        StorageMode mode = new InMemoryCredentialStore("no Secret Service on the session bus").mode();
        String shown = switch (mode) {
            case StorageMode.Keychain k -> "keychain " + k.backend();
            case StorageMode.MemoryOnly m -> m.describe();
        };
        assertThat(shown).contains("Memory-only").contains("no Secret Service on the session bus");
    }
}
