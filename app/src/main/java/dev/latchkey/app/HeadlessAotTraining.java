package dev.latchkey.app;

import dev.latchkey.app.demo.DemoBrokerProgram;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link AotTraining} for the build on an X server of its own ({@code xvfb-run}), recording the
 * app's AOT cache ({@code CACHE}) and the demo broker's ({@code demo-broker.aot} beside it): the build
 * never opens a window on the developer's screen, and a machine without a display still trains.
 * Where there is no {@code xvfb-run} (macOS, Windows, a Linux without the package) it says so in one
 * line and the app starts without a cache. The training's JVM has no session bus (so no keychain and
 * no desktop notifications) and a home and folders of its own under {@code WORK}.
 *
 * <pre>java -cp latchkey-app.jar dev.latchkey.app.HeadlessAotTraining CACHE BROKER_JAR WORK</pre>
 *
 * <p>Always exits 0: a missing cache costs speed, never the build.
 */
public final class HeadlessAotTraining {

    /**
     * The JVM options {@code ./latchkey-app} starts the app with, which the training shares: a cache
     * serves only a JVM started the same way. (The jar's manifest also allows native access, but only
     * for {@code -jar}; the training runs with {@code -cp}.) C1 only: while the demo broker starts
     * beside the window, C2's compiler threads took most of the two cores the sign-in screen waits
     * for (docs/performance.md); a window app needs no peak throughput.
     */
    static final List<String> APP_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED");

    private static final long TRAINING_MINUTES = 10;

    private HeadlessAotTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: HeadlessAotTraining CACHE BROKER_JAR WORK");
            System.exit(2);
        }
        Path cache = Path.of(args[0]).toAbsolutePath();
        Path brokerJar = Path.of(args[1]).toAbsolutePath();
        Path work = Path.of(args[2]).toAbsolutePath();
        Files.deleteIfExists(cache);
        Files.deleteIfExists(demoBrokerCache(cache));
        Optional<Path> xvfbRun = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                ? onPath("xvfb-run") : Optional.empty();
        if (xvfbRun.isEmpty()) {
            say("skipped: no xvfb-run here to give it a display of its own (Debian: xvfb xauth);"
                    + " ./latchkey-app starts without an AOT cache");
        } else if (!Files.isRegularFile(brokerJar)) {
            say("skipped: no broker jar at " + brokerJar + " for the demo (build the broker module first);"
                    + " ./latchkey-app starts without an AOT cache");
        } else {
            train(xvfbRun.get(), cache, brokerJar, work);
        }
        System.exit(0);
    }

    private static void train(Path xvfbRun, Path cache, Path brokerJar, Path work) throws Exception {
        List<String> command = new ArrayList<>(List.of(xvfbRun.toString(), "-a", "-s", "-screen 0 1280x800x24",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:AOTCacheOutput=" + cache, "-Xlog:aot=error,cds=error",
                // Classes only, no method profiles: C1 uses none, and a JVM replays them as compilations
                // (docs/performance.md#aot-caches-without-method-profiles).
                "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining"));
        command.addAll(APP_OPTIONS);
        // The demo broker it starts records a cache of its own, for the broker's JVM.
        command.addAll(List.of("-D" + DemoBrokerProgram.JAR_PROPERTY + "=" + brokerJar,
                "-D" + DemoBrokerProgram.AOT_PROPERTY + "=" + demoBrokerCache(cache),
                "-D" + DemoBrokerProgram.RECORD_PROPERTY + "=true", "-Duser.home=" + work.resolve("home"),
                "-cp", appJar().toString(), AotTraining.class.getName(), work.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = builder.environment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.remove("DBUS_SESSION_BUS_ADDRESS");
        env.put("HOME", work.resolve("home").toString());
        for (String[] xdg : new String[][] {{"XDG_CONFIG_HOME", "config"}, {"XDG_STATE_HOME", "state"},
                {"XDG_CACHE_HOME", "cache"}, {"XDG_DATA_HOME", "data"}, {"XDG_RUNTIME_DIR", "runtime"}}) {
            env.put(xdg[0], Files.createDirectories(work.resolve(xdg[1])).toString());
        }
        Files.createDirectories(work.resolve("home"));
        Process training = builder.start();
        if (!training.waitFor(TRAINING_MINUTES, TimeUnit.MINUTES)) {
            training.descendants().forEach(ProcessHandle::destroyForcibly);
            training.destroyForcibly();
            say("stopped after " + TRAINING_MINUTES + " minutes; ./latchkey-app starts without an AOT cache");
        } else if (!Files.isRegularFile(cache)) {
            say("ended (exit " + training.exitValue() + ") without a cache; ./latchkey-app starts without one");
        }
    }

    /** The demo broker's cache, beside the app's: {@code demo-broker.aot}. */
    static Path demoBrokerCache(Path appCache) {
        return appCache.resolveSibling("demo-broker.aot");
    }

    private static Path appJar() throws URISyntaxException {
        return Path.of(HeadlessAotTraining.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Optional<Path> onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return Optional.of(Path.of(folder, program));
            }
        }
        return Optional.empty();
    }

    private static void say(String what) {
        System.err.println("latchkey-app AOT training: " + what);
    }
}
