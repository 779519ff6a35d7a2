package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.InstalledCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code latchkey run} from the CLI's jar (a process of its own, as a user starts it in a terminal),
 * through the app's agent on {@code socket}, in {@code folder}, its output in files; {@code image} is
 * the installed command it runs through, if any (removed by {@link #close}).
 */
record CliLaunch(Process process, Path folder, Path outFile, Path errFile, InstalledCli image) {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** {@code latchkey run --env DB=ref -- sh -c 'echo program-started'} in {@code root}. */
    static CliLaunch start(Path root, String broker, Path socket, String ref) throws IOException {
        return start(root, root, java(), List.of("--env", "DB=" + ref), List.of("sh", "-c", "echo program-started"),
                broker, socket, Map.of(), null);
    }

    /**
     * {@code latchkey run OPTIONS -- PROGRAM} in {@code folder}, with {@code env} added to the
     * environment a terminal gives it (such as {@code XDG_STATE_HOME}: whose launch log it writes).
     */
    static CliLaunch run(Path root, Path folder, List<String> options, List<String> program, String broker, Path socket,
                         Map<String, String> env) throws IOException {
        return start(root, folder, java(), options, program, broker, socket, env, null);
    }

    /**
     * As a user runs it: the installed {@code latchkey} command, in a project's folder, starting the
     * project's {@code ./server}. Its command line and folder are what the screenshots show.
     */
    static CliLaunch installed(Path root, String broker, Path socket, String ref) throws Exception {
        Path ada = Path.of(System.getProperty("java.io.tmpdir"), "ada");
        Path project = Files.createDirectories(ada.resolve("payments-api"));
        Path server = Files.writeString(project.resolve("server"), "#!/bin/sh\necho program-started\n");
        server.toFile().setExecutable(true);
        InstalledCli image = InstalledCli.pack(jar(), ada);
        // Started from a shell, as from a terminal: the prompt's "Started by" then names the shell.
        return start(root, project, List.of("bash", "-c", "\"$@\"; exit $?", "bash", image.command().toString()),
                List.of("--env", "DB=" + ref), List.of("./server"), broker, socket, Map.of(), image);
    }

    /** The demo policy the broker jar ships, with {@code confirm: true} on {@code scope}, written in {@code root}. */
    static Path confirmingPolicy(Path root, String scope) throws IOException {
        String policy;
        try (FileSystem jar = FileSystems.newFileSystem(Path.of(System.getProperty("latchkey.demo.broker")))) {
            policy = Files.readString(jar.getPath("/dev/latchkey/broker/seed/dev-policy.yaml"), StandardCharsets.UTF_8);
        }
        String key = "  " + scope + ":\n";
        assertThat(policy).contains(key);
        return Files.writeString(root.resolve("policy.yaml"), policy.replace(key, key + "    confirm: true\n"));
    }

    static Path jar() {
        String jar = System.getProperty("latchkey.cli.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no CLI jar at " + jar + ": build the CLI module first "
                    + "(mvn -B -q -pl cli,app -am -DskipTests package)");
        }
        return Path.of(jar);
    }

    private static List<String> java() {
        return List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-jar", jar().toString());
    }

    /**
     * {@code latchkey run OPTIONS -- PROGRAM} from the CLI's jar after {@code before} (such as
     * {@code strace -f ...}), its output left to the caller (pipes, unless it says otherwise).
     */
    static ProcessBuilder after(List<String> before, Path root, Path folder, List<String> options, List<String> program,
                                String broker, Path socket) throws IOException {
        List<String> latchkey = new ArrayList<>(before);
        latchkey.addAll(java());
        return builder(root, folder, latchkey, options, program, broker, socket, Map.of());
    }

    private static CliLaunch start(Path root, Path folder, List<String> latchkey, List<String> options,
                                   List<String> program, String broker, Path socket, Map<String, String> extra,
                                   InstalledCli image) throws IOException {
        String id = Long.toString(System.nanoTime());
        Path out = root.resolve("out-" + id);
        Path err = root.resolve("err-" + id);
        ProcessBuilder pb = builder(root, folder, latchkey, options, program, broker, socket, extra)
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        return new CliLaunch(pb.start(), folder, out, err, image);
    }

    private static ProcessBuilder builder(Path root, Path folder, List<String> latchkey, List<String> options,
                                          List<String> program, String broker, Path socket, Map<String, String> extra)
            throws IOException {
        Path home = Files.createDirectories(root.resolve("home"));
        List<String> command = new ArrayList<>(latchkey);
        command.add("run");
        command.addAll(options);
        command.add("--");
        command.addAll(program);
        ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LATCHKEY_") || k.startsWith("XDG_"));
        Map<String, String> given = new HashMap<>(Map.of("HOME", home.toString(), "LATCHKEY_BROKER", broker,
                "LATCHKEY_AGENT_SOCKET", socket.toString()));
        given.putAll(extra);
        env.putAll(given);
        return pb;
    }

    /** The pid of {@code latchkey run}: the process started, or the installed command the shell started. */
    long cli() {
        if (image == null) {
            return process.pid();
        }
        await().atMost(WAIT).until(() -> process.children().findAny().isPresent());
        return process.children().findFirst().orElseThrow().pid();
    }

    String out() throws IOException {
        return Files.readString(outFile, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(errFile, StandardCharsets.UTF_8);
    }

    void close() throws IOException {
        if (image != null) {
            image.close();
        }
    }
}
