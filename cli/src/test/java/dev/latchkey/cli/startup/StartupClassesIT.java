package dev.latchkey.cli.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the daily commands load, from the class-load log of the real jar (docs/performance.md): a
 * launch without references needs no broker, keychain, JSON, leak guard or picocli model, and
 * picocli models only the command that runs.
 */
class StartupClassesIT {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path home;

    @Test
    void aLaunchWithoutReferencesLoadsNoBrokerKeychainJsonOrGuardClasses() throws Exception {
        List<String> classes = loaded("run", "--", "true");

        assertThat(classes).as("classes of run -- true").contains("java.lang.Object");
        // The guard's types named in the CLI's code (LeakGuard, its exceptions) load as the verifier
        // meets them; none of its machinery does.
        assertThat(classes).as("classes of run -- true").filteredOn(c -> c.startsWith("com.fasterxml.")
                || c.startsWith("okhttp3.") || c.startsWith("kotlin.") || c.startsWith("org.freedesktop.")
                || c.startsWith("dev.latchkey.core.guard.") && !c.equals("dev.latchkey.core.guard.LeakGuard")
                        && !c.endsWith("Exception")
                || c.startsWith("dev.latchkey.core.internal.keychain.Libsecret")).isEmpty();
        // No command model at all: run's words are read without picocli (RunArgs), and no other command's class loads.
        assertThat(classes).contains("dev.latchkey.cli.run.RunArgs", "dev.latchkey.cli.run.RunLaunch")
                .doesNotContain("dev.latchkey.cli.run.RunCommand", "dev.latchkey.cli.StatusCommand", "dev.latchkey.cli.guard.GuardCommand",
                        "dev.latchkey.cli.access.RequestCommand", "picocli.AutoComplete$GenerateCompletion");
        assertThat(classes).as("picocli classes of run -- true").filteredOn(c -> c.startsWith("picocli.")).hasSizeLessThan(5);
        // The signal relay hooks through a class of the jar, which the AOT cache holds, not through a
        // dynamic proxy generated at run time (no cache can hold one; it cost about 25 ms a launch).
        assertThat(classes).contains("dev.latchkey.cli.run.SignalHook");
        assertThat(classes).as("dynamic proxies of run -- true").filteredOn(c -> c.contains(".$Proxy")).isEmpty();
        // Nor a pattern switch on the way: each first run of one generates a class (about 7 ms the first,
        // 1 ms each after it) that no cache holds (Launch, ChildStarts, RunLaunch test kinds with instanceof).
        assertThat(classes).as("pattern switches of run -- true").filteredOn(c -> c.contains("$$TypeSwitch")).isEmpty();
        // The log line's times are written without java.time.format (whose ISO formatters cost about
        // 3 ms to build), and a launch given nothing that ends has no expiry thread.
        assertThat(classes).doesNotContain("java.time.format.DateTimeFormatter", "java.util.concurrent.ScheduledThreadPoolExecutor");
    }

    @Test
    void theVersionNeedsNoCommandModel() throws Exception {
        List<String> classes = loaded("--version");

        assertThat(classes).contains("dev.latchkey.cli.LatchkeyCommand");
        assertThat(classes).filteredOn(c -> c.startsWith("picocli.CommandLine$Model") || c.startsWith("dev.latchkey.cli.run."))
                .isEmpty();
    }

    @Test
    void thePreCommitHookBuildsNoCommandModelAndLoadsNoJson() throws Exception {
        Files.writeString(home.resolve("App.java"), "class App { String url = \"latchkey://payments/dev/db-url\"; }\n");
        for (List<String> git : List.of(List.of("init", "-q"), List.of("add", "App.java"))) {
            List<String> cmd = new ArrayList<>(List.of("git", "-C", home.toString()));
            cmd.addAll(git);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", cmd)).isTrue();
        }

        List<String> classes = loaded("guard", "staged", "--hook");

        assertThat(classes).contains("dev.latchkey.cli.guard.PreCommitHook", "dev.latchkey.core.guard.LeakGuard");
        assertThat(classes).as("classes of the pre-commit hook").filteredOn(c -> c.startsWith("picocli.CommandLine$Model")
                || c.startsWith("com.fasterxml.") || c.startsWith("dev.latchkey.cli.guard.GuardCommand")).isEmpty();
        // Without a .latchkey-guard.toml the built-in rules come from their table: no TOML is read.
        assertThat(classes).as("TOML classes of the pre-commit hook").filteredOn(c -> c.equals("dev.latchkey.core.internal.guard.Toml")
                || c.startsWith("dev.latchkey.core.internal.guard.TomlCursor") || c.startsWith("dev.latchkey.core.internal.guard.RuleFile"))
                .isEmpty();
        // Only the types the main class names as it links (CommandLine, the version provider and the
        // error handler it implements); the whole command line loads about 170.
        assertThat(classes).as("picocli classes of the pre-commit hook").filteredOn(c -> c.startsWith("picocli.")).hasSizeLessThan(5);
        // The hook's own steps are classes its AOT training loads: a lambda there was spun on every commit.
        assertThat(classes).as("lambdas of the pre-commit hook's main thread").filteredOn(c -> c.startsWith("dev.latchkey.cli.")
                && c.contains("$$Lambda")).isEmpty();
    }

    private List<String> loaded(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("latchkey.cli.jar", "target/latchkey.jar"));
        assertThat(jar).as("the CLI jar (run the integration tests after package)").isRegularFile();
        Path log = home.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xshare:auto", "-Xlog:class+load=info:file=" + log,
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).directory(home.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LATCHKEY_") || k.startsWith("XDG_"));
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args)).isZero();
        // "[info][class,load] NAME source: ..." per class
        return Files.readAllLines(log).stream().map(l -> l.replaceFirst("^.*\\]\\s+", "").split(" ")[0]).toList();
    }
}
