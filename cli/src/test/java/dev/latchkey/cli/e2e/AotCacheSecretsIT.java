package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.cli.CliProcess;
import dev.latchkey.cli.SessionFromEnvMain;
import dev.latchkey.testsupport.AotArchive;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security invariant 1 for the AOT cache (docs/performance.md): a cache recorded from a run that
 * held secret values and an access token in memory holds none of them. The run is the CLI as its
 * own process from its jar, traced with {@code -XX:AOTCacheOutput} as the build trains it,
 * resolving every payments/dev secret into its child's environment. (A cache can only be
 * recorded from jars, so the test's token entry point goes into a jar of its own beside it.)
 */
class AotCacheSecretsIT {

    @TempDir
    Path home;

    @Test
    void aCacheTracedFromALaunchHoldsNoValueAndNoToken() throws Exception {
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            String token = DevSignIn.accessToken(broker.url(), "ada");
            Set<String> secrets = new LinkedHashSet<>();
            StringBuilder envFile = new StringBuilder();
            int n = 0;
            for (var e : DemoOrganisation.values().entrySet()) {
                if (e.getKey().startsWith("payments/dev/")) {
                    envFile.append("V").append(++n).append("=latchkey://").append(e.getKey()).append('\n');
                    secrets.add(e.getValue());
                }
            }
            secrets.add(token);
            Path env = Files.writeString(home.resolve("dev.env"), envFile);
            Path cache = home.resolve("traced.aot");
            Path cli = Path.of(System.getProperty("latchkey.cli.jar", "target/latchkey.jar")).toAbsolutePath();
            assertThat(cli).as("the CLI jar (run the integration tests after package)").isRegularFile();
            ProcessBuilder pb = CliProcess.builder(home, Map.of("LATCHKEY_BROKER", broker.url().toString(),
                    SessionFromEnvMain.TOKEN_VARIABLE, token), List.of(), SessionFromEnvMain.class,
                    List.of("run", "--env-file", env.toString(), "--", "sh", "-c", "echo \"$V1\""));
            List<String> command = pb.command();
            command.set(command.indexOf("-cp") + 1, cli + java.io.File.pathSeparator + entryPointJar());
            command.addAll(1, List.of("-XX:AOTCacheOutput=" + cache, "-Xlog:aot=error,cds=error"));
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("the traced run and its cache's assembly end").isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            // The child had a value (masked on its way out), so the traced JVM held them all.
            assertThat(output).contains("<latchkey:");

            AotArchive.read(cache).assertHoldsNone("dev/latchkey/cli/LatchkeyCommand", secrets);
        }
    }

    /** A jar holding only {@link SessionFromEnvMain}; the rest comes from the CLI jar. */
    private Path entryPointJar() throws IOException {
        String name = SessionFromEnvMain.class.getName().replace('.', '/') + ".class";
        Path jar = home.resolve("session-from-env.jar");
        try (var in = SessionFromEnvMain.class.getClassLoader().getResourceAsStream(name);
             var out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(name));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
