package dev.latchkey.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the CLI as its own process, as a user's shell would, with this test's class path. */
public final class CliProcess {

    private CliProcess() {
    }

    public static ProcessBuilder builder(Path home, Map<String, String> extraEnv, List<String> args) {
        return builder(home, extraEnv, List.of(), LatchkeyCommand.class, args);
    }

    /**
     * The CLI's JVM started behind {@code prefix} (such as strace), with {@code main} as its main class.
     * A {@code TMPDIR} in {@code extraEnv} is the JVM's {@code java.io.tmpdir} as well.
     */
    public static ProcessBuilder builder(Path home, Map<String, String> extraEnv, List<String> prefix, Class<?> main,
                                         List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(prefix);
        // No perf-data file: the JVM would otherwise write one under /tmp for every CLI run.
        cmd.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData"));
        // The JVM ignores TMPDIR; a test that gives the CLI a temporary folder of its own means the JVM's too.
        if (extraEnv.containsKey("TMPDIR")) {
            cmd.add("-Djava.io.tmpdir=" + extraEnv.get("TMPDIR"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(CliRun.env(home, extraEnv));
        return pb;
    }

    public static Process start(Path home, Map<String, String> extraEnv, List<String> args) throws IOException {
        return builder(home, extraEnv, args).start();
    }
}
