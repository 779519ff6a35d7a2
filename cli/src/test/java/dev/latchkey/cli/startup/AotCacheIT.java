package dev.latchkey.cli.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.testsupport.AotArchive;
import dev.latchkey.testsupport.AotProfiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT cache the build trains for {@code ./latchkey} (docs/performance.md): what it holds, and
 * that a cache which does not fit the jar changes nothing but speed.
 */
class AotCacheIT {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path dir;

    /** The training's values are the dev broker's generated ones; none of them, and no JWT, is in the cache. */
    @Test
    void theShippedCacheHoldsNoValueOrTokenOfItsTraining() throws Exception {
        AotArchive cache = AotArchive.read(jar().resolveSibling("latchkey.aot"));
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            values.add("bulk-value-" + i); // DemoOrganisation.seedBulk's values, which the training resolves
        }
        cache.assertHoldsNone("dev/latchkey/cli/LatchkeyCommand", values);
        // The dev IdP's tokens are JWTs: each starts with its encoded header, {"alg":, {"kid": or {"typ":.
        for (String header : List.of("eyJhbGciOi", "eyJraWQiOi", "eyJ0eXAiOi")) {
            assertThat(cache.contains(header)).as("a JWT (%s...) in the cache", header).isFalse();
        }
    }

    /**
     * The hook's cache (HookAotTraining) holds none of the values its training recorded and scanned
     * for, nor the made-up fingerprint key it read through its stand-in secret-tool, as the tool
     * prints it or as the guard stores it.
     */
    @Test
    void theHookCacheHoldsNoValueOrKeyOfItsTraining() throws Exception {
        AotArchive cache = AotArchive.read(jar().resolveSibling("latchkey-hook.aot"));
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            values.add("hook-value-" + i);
        }
        String key = StandInSecretTool.madeUpKey();
        values.add(key);
        values.add("=" + key);
        values.add(key.substring(0, 24)); // a part of it, in case a buffer kept one
        cache.assertHoldsNone("dev/latchkey/cli/guard/PreCommitHook", values);
    }

    /**
     * The CLI's caches hold classes, not the training's method profiles: every command runs C1 only,
     * which uses no profile, and a JVM replayed the training's compilations instead (for the hook, 351
     * methods and 80 ms of C1's time, 25 of them compiled twice, once on stack for the training's long
     * loops). Without them the hook compiles 289 methods in 41 ms (docs/performance.md).
     */
    @Test
    void theCachesHoldNoMethodProfiles() throws Exception {
        for (String name : List.of("latchkey.aot", "latchkey-run-agent.aot", "latchkey-hook.aot")) {
            assertThat(AotProfiles.classes(jar().resolveSibling(name), List.of("-XX:TieredStopAtLevel=1"), jar().toString()))
                    .as("classes with a training profile in %s", name).isEmpty();
        }
    }

    /**
     * A commit's hook reads its key with one {@code secret-tool} process (core's KeychainProbe.reader);
     * that path's classes, and the JDK's tables of characters beyond Latin-1 a UTF-8 diff asks for,
     * come from the hook's cache. The hook runs as the launcher starts it, reading through the
     * training's stand-in tool and a session bus that is not there (no keychain is reached). A cache
     * trained without the stand-in or the UTF-8 text fails here: those classes came from the jar
     * or the JDK's modules.
     */
    @Test
    void theHooksKeyReadAndUtf8TextRunFromItsCache() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("App.java"), "class App {\n    // Schlüssel — lire la clé… (日本語)\n"
                + "    String url = \"latchkey://payments/dev/db-url\"; // « ok » ←\n}\n");
        for (String git : List.of("init -q", "add App.java")) {
            List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
            command.addAll(List.of(git.split(" ")));
            assertThat(run(command).exit).as("git " + git).isZero();
        }
        try (StandInSecretTool tool = StandInSecretTool.write(dir.resolve("tools"), StandInSecretTool.madeUpKey())) {
            Ran ran = run(repo, List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:AOTCache=" + jar().resolveSibling("latchkey-hook.aot"),
                    "-Xlog:aot=off", "-Xlog:cds=off", "-Xlog:class+load=info", "-Dlatchkey.secret-tool=" + tool.tool(),
                    "-jar", jar().toString(), "guard", "staged", "--hook"),
                    "HOME", dir.toString(), "XDG_STATE_HOME", dir.resolve("state").toString(), "LATCHKEY_AGENT", "off",
                    "DBUS_SESSION_BUS_ADDRESS", "unix:path=" + dir.resolve("no-bus"));
            assertThat(ran.exit).as(ran.toString()).isZero();
            for (String name : List.of("dev.latchkey.core.internal.keychain.BoundedTool$EndAll",
                    "dev.latchkey.core.internal.keychain.KeychainProbe$LibsecretEntries", "java.lang.CharacterData00")) {
                assertThat(ran.out.lines().filter(l -> l.contains("] " + name + " ")))
                        .as("%s loaded by the hook, from its cache", name).singleElement().asString().contains("shared objects file");
            }
        }
    }

    /**
     * A cache recorded by a JVM started another way (here: compact object headers) does not fit.
     * The launcher still runs every command, and says at most one line about it. (One more, empty,
     * folder on the recording's class path no longer makes a misfit since picocli's classes are in
     * the cache too: the JDK then accepts it and takes the CLI's classes from it.)
     */
    @Test
    void aCacheThatDoesNotFitIsIgnored() throws Exception {
        Path checkout = jar().getParent().getParent().getParent();
        Path copy = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(checkout.resolve("latchkey"), copy.resolve("latchkey"));
        Files.createDirectories(copy.resolve("scripts"));
        Files.copy(checkout.resolve("scripts/jdk.sh"), copy.resolve("scripts/jdk.sh"));
        Path target = Files.createDirectories(copy.resolve("cli/target"));
        Path copiedJar = Files.copy(jar(), target.resolve("latchkey.jar"));
        copyTree(jar().resolveSibling("lib"), target.resolve("lib"));
        Path stale = target.resolve("latchkey.aot");
        run(List.of(JAVA, "-XX:AOTCacheOutput=" + stale, "-XX:+UseCompactObjectHeaders", "-XX:TieredStopAtLevel=1",
                "-Xlog:aot=error,cds=error", "-cp", copiedJar.toString(), "dev.latchkey.cli.LatchkeyCommand", "--help"));
        assertThat(stale).isRegularFile();
        // The JVM itself refuses it: none of the CLI's classes come from it.
        assertThat(sharedCliClasses(stale, copiedJar)).as("CLI classes from the stale cache").isZero();

        String javaHome = Path.of(JAVA).getParent().getParent().toString();
        for (List<String> args : List.of(List.of("--version"), List.of("--help"), List.of("run", "--", "true"))) {
            List<String> command = new ArrayList<>(List.of("sh", copy.resolve("latchkey").toString()));
            command.addAll(args);
            Ran ran = run(command, "JAVA_HOME", javaHome, "HOME", dir.toString(), "XDG_STATE_HOME", dir.resolve("state").toString());
            assertThat(ran.exit).as(ran.toString()).isZero();
            assertThat(ran.err.lines().count()).as("lines on stderr: " + ran.err).isLessThanOrEqualTo(1);
            if (args.equals(List.of("--version"))) {
                assertThat(ran.out).startsWith("latchkey ");
            }
        }
    }

    /**
     * picocli's classes come from the shipped cache, not from its jar: the build rewrote the jar in
     * lib/ for the current class-file version (a cache leaves out Java 5 class files, picocli's own).
     */
    @Test
    void picocliComesFromTheCache() throws Exception {
        Ran ran = run(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:AOTCache=" + jar().resolveSibling("latchkey.aot"),
                "-Xlog:aot=off", "-Xlog:cds=off", "-Xlog:class+load=info", "-jar", jar().toString(), "run", "--", "true"),
                "HOME", dir.toString(), "XDG_STATE_HOME", dir.resolve("state").toString());
        assertThat(ran.exit).as(ran.toString()).isZero();
        List<String> picocli = ran.out.lines().filter(l -> l.contains("] picocli.")).toList();
        assertThat(picocli).as("picocli's classes from the cache").anyMatch(l -> l.contains("shared objects file"));
        assertThat(picocli).as("picocli's classes from its jar").noneMatch(l -> l.contains("source: jar:")
                || l.contains("source: file:"));
    }

    /**
     * A launch without references makes no class at run time and loads none of Latchkey's from its
     * jar: every class not in the cache is one of the JDK's own, from its runtime image (the JDK
     * keeps a few out of every cache: its event classes). A lambda, method-handle form or proxy spun
     * on the way, or a class the training never loaded, costs each launch milliseconds no cache saves.
     */
    @Test
    void aLaunchWithoutReferencesMakesNoClassAtRunTime() throws Exception {
        Ran ran = run(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:AOTCache=" + jar().resolveSibling("latchkey.aot"),
                "-Xlog:aot=off", "-Xlog:cds=off", "-Xlog:class+load=info", "-jar", jar().toString(), "run", "--", "true"),
                "HOME", dir.toString(), "XDG_STATE_HOME", dir.resolve("state").toString(), "LATCHKEY_AGENT", "off");
        assertThat(ran.exit).as(ran.toString()).isZero();
        List<String> loaded = ran.out.lines().filter(l -> l.contains("[class,load]") && l.contains(" source: ")).toList();
        assertThat(loaded).as("classes of run -- true").anyMatch(l -> l.contains("] dev.latchkey.cli.run.RunLaunch source: shared objects file"));
        assertThat(loaded).as("classes of run -- true not from the cache").filteredOn(l -> !l.contains("source: shared objects file"))
                .allMatch(l -> l.contains("source: jrt:/"));
    }

    /** The same check sees a fitting cache used, so the zero above means refused, not unseen. */
    @Test
    void aCacheFromTheSameClassPathIsUsed() throws Exception {
        Path fitting = dir.resolve("fitting.aot");
        run(List.of(JAVA, "-XX:AOTCacheOutput=" + fitting, "-XX:TieredStopAtLevel=1", "-Xlog:aot=error,cds=error",
                "-cp", jar().toString(), "dev.latchkey.cli.LatchkeyCommand", "--help"));
        assertThat(sharedCliClasses(fitting, jar())).isPositive();
    }

    private static long sharedCliClasses(Path cache, Path jar) throws Exception {
        Ran ran = run(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off",
                "-Xlog:class+load=info", "-cp", jar.toString(), "dev.latchkey.cli.LatchkeyCommand", "--help"));
        assertThat(ran.exit).as(ran.toString()).isZero();
        return ran.out.lines().filter(l -> l.contains(" dev.latchkey.cli.") && l.contains("shared objects file")).count();
    }

    private record Ran(int exit, String out, String err) {
    }

    private static Ran run(List<String> command, String... env) throws Exception {
        return run(Path.of("").toAbsolutePath(), command, env);
    }

    private static Ran run(Path folder, List<String> command, String... env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile());
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Ran(p.exitValue(), out.get(), err.get());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("latchkey.cli.jar", "target/latchkey.jar")).toAbsolutePath();
        assertThat(jar).as("the CLI jar (run the integration tests after package)").isRegularFile();
        return jar;
    }
}
