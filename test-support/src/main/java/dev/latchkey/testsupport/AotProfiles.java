package dev.latchkey.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The training's method profiles an AOT cache holds (JDK 25's JEP 515), as the JVM lists them with
 * {@code -XX:+AOTPrintTrainingInfo}: Latchkey's JVMs run C1 only, which uses no profile, and a JVM
 * replays them as compilations, so the builds record the caches without them.
 */
public final class AotProfiles {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String HEADING = "Archived TrainingData Dictionary";
    /** One line per class with a profile: its number, its address, then what it is. */
    private static final Pattern ENTRY = Pattern.compile("\\s*\\d+: 0x\\p{XDigit}+ .*");

    private AotProfiles() {
    }

    /**
     * The lines of the classes with a profile in {@code cache}, as a JVM started with {@code options}
     * and {@code classPath} lists them: those the cache was recorded with, or the JVM would refuse it
     * ({@code -XX:AOTMode=on} makes that an error here, not an empty list).
     */
    public static List<String> classes(Path cache, List<String> options, String classPath) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(options);
        command.addAll(List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on", "-Xlog:aot=error", "-Xlog:cds=error",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+AOTPrintTrainingInfo", "-cp", classPath, "-version"));
        Path out = Files.createTempFile("aot-profiles", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the JVM listing " + cache + "'s profiles did not end within 60 s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError("the JVM did not start from " + cache + " (exit " + p.exitValue() + "): "
                        + text.lines().findFirst().orElse(""));
            }
            if (!text.contains(HEADING)) {
                throw new AssertionError("the JVM printed no \"" + HEADING + "\" for " + cache
                        + ": has -XX:+AOTPrintTrainingInfo changed?");
            }
            return text.lines().filter(l -> ENTRY.matcher(l).matches()).toList();
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
