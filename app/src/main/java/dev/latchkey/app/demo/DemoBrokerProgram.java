package dev.latchkey.app.demo;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the demo broker runs as: the broker jar shipped beside the app, in development mode on a
 * free loopback port, on the app's own Java runtime (in an installed app, the runtime bundled with
 * it). No broker class is on the app's class path; the app reaches the broker over HTTP only.
 *
 * @param java the {@code java} program to run it with
 * @param jar the broker jar ({@code latchkey-broker.jar} and its {@code lib/} folder)
 * @param aotCache an AOT cache for the broker's JVM: used when it fits, or recorded
 * @param recordCache true to record {@code aotCache} (the build's AOT training) rather than use it
 */
public record DemoBrokerProgram(Path java, Path jar, Optional<Path> aotCache, boolean recordCache) {

    /**
     * The system property that names the broker jar where it is not beside the app's jar: in a
     * checkout, {@code ./latchkey-app}, {@code javafx:run} and the app's tests name
     * {@code broker/target/latchkey-broker.jar}.
     */
    public static final String JAR_PROPERTY = "latchkey.demo.broker";

    /** The system property that names the demo broker's AOT cache ({@code ./latchkey-app} names the build's). */
    public static final String AOT_PROPERTY = "latchkey.demo.broker.aot";

    /** The broker's JVM options, its cache's recording's too (a cache only serves a JVM started the same way). */
    public static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** The system property that makes the demo broker record its AOT cache (the build's AOT training). */
    public static final String RECORD_PROPERTY = "latchkey.demo.broker.aot.record";

    /** The broker jar's file name, beside the app's jar in an installed app. */
    public static final String JAR_NAME = "latchkey-broker.jar";

    /** The program without an AOT cache. */
    public DemoBrokerProgram(Path java, Path jar) {
        this(java, jar, Optional.empty(), false);
    }

    /** The program for this app: the jar {@link #JAR_PROPERTY} names, else the one beside the app's jar. */
    public static DemoBrokerProgram locate() {
        String named = System.getProperty(JAR_PROPERTY);
        Path jar = named != null && !named.isBlank() ? Path.of(named) : besideTheApp();
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        Optional<Path> cache = Optional.ofNullable(System.getProperty(AOT_PROPERTY)).filter(p -> !p.isBlank()).map(Path::of);
        return new DemoBrokerProgram(Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java"), jar,
                cache, Boolean.getBoolean(RECORD_PROPERTY));
    }

    private static Path besideTheApp() {
        try {
            Path code = Path.of(DemoBrokerProgram.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.resolveSibling(JAR_NAME);
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(JAR_NAME).toAbsolutePath();
        }
    }

    /**
     * Says why this program cannot run here, before trying.
     *
     * @throws DemoBrokerException when the jar or the Java runtime is missing
     */
    void check() throws DemoBrokerException {
        if (!Files.isRegularFile(jar)) {
            throw new DemoBrokerException("its program is missing: there is no " + jar + ". Reinstall Latchkey"
                    + " (in a checkout, build it first: mvn -B -q -DskipTests package)");
        }
        if (!Files.isExecutable(java)) {
            throw new DemoBrokerException("there is no Java runtime at " + java + " to run it. Reinstall Latchkey");
        }
    }

    /**
     * The command line. The demo serves one person on this machine: the C1 compiler alone and the
     * serial collector start it soonest and keep it small. It stops when its standard input ends,
     * which the app holds open for as long as it runs (so the broker never outlives the app, even
     * one that is killed).
     */
    List<String> command() {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(JVM_OPTIONS);
        aotCache.ifPresent(cache -> {
            if (recordCache) {
                // Classes only, no method profiles: C1 uses none, and a JVM replays them as compilations
                // (docs/performance.md#aot-caches-without-method-profiles).
                command.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-XX:+UnlockDiagnosticVMOptions",
                        "-XX:-AOTRecordTraining", "-Xlog:aot=error,cds=error"));
            } else if (fits(cache)) {
                // Logging off: a cache the JVM still refuses costs time, not output.
                command.addAll(List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off"));
            }
        });
        command.addAll(List.of("-jar", jar.toString(), "--dev", "--port", "0", "--stop-when-stdin-closes"));
        return command;
    }

    /**
     * How long the broker may take to end once asked. Recording a cache, it writes the cache as it
     * ends, which takes a while.
     */
    Duration stopWithin() {
        return recordCache ? Duration.ofMinutes(2) : Duration.ofSeconds(5);
    }

    /**
     * Whether {@code cache} is there and no older than the jar or the runtime. The JVM refuses a
     * cache that does not fit them, but then also leaves out the JDK's own class data: one that
     * cannot fit is not passed at all.
     */
    private boolean fits(Path cache) {
        try {
            var recorded = Files.getLastModifiedTime(cache);
            Path release = java.toAbsolutePath().getParent().getParent().resolve("release");
            return recorded.compareTo(Files.getLastModifiedTime(jar)) >= 0
                    && (!Files.exists(release) || recorded.compareTo(Files.getLastModifiedTime(release)) >= 0);
        } catch (IOException e) {
            return false;
        }
    }
}
