package dev.latchkey.app;

import dev.latchkey.app.agent.AgentHost;
import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.FxScheduler;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.testsupport.trace.FileWrites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The real desktop app in a JVM of its own, under {@code strace -f} ({@link FileWrites}), on the
 * test's X display: started on a broker's sign-in screen, it says its user code; once someone
 * approves it, it serves its agent and says so, and its access token. It talks to the test over
 * its standard streams only (pipes: no file of its own holds what it says), and quits when the
 * test says {@code quit} ({@link #quit}) or closes its input.
 *
 * <p>Its session is kept in memory, as in the app's window tests; the JVM is started as
 * {@code ./latchkey-app} starts it ({@link HeadlessAotTraining#APP_OPTIONS}), with {@code HOME},
 * the XDG folders and {@code java.io.tmpdir} in {@code root}. Every wait is bounded.
 */
final class TracedApp {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String SAYS = "traced-app: ";

    private final Process process;
    private final Path trace;
    private final Path work;
    private final BlockingQueue<String> said = new LinkedBlockingQueue<>();
    private final StringBuffer err = new StringBuffer();

    private TracedApp(Process process, Path trace, Path work) {
        this.process = process;
        this.trace = trace;
        this.work = work;
        Thread.ofVirtual().start(() -> drain(process.getInputStream(), line -> {
            if (line.startsWith(SAYS)) {
                said.add(line.substring(SAYS.length()));
            }
        }));
        Thread.ofVirtual().start(() -> drain(process.getErrorStream(), line -> err.append(line).append('\n')));
    }

    /**
     * Starts the app on {@code broker} with its folders under {@code root} ({@code app/}: settings,
     * launch log and agent socket; {@code home/}), its trace written to {@code trace}.
     */
    static TracedApp start(Path root, URI broker, Path trace) throws IOException {
        Path work = Files.createDirectories(root.resolve("app"));
        Path home = Files.createDirectories(root.resolve("home"));
        List<String> command = new ArrayList<>(FileWrites.command(trace));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(HeadlessAotTraining.APP_OPTIONS);
        command.addAll(List.of("-Duser.home=" + home, "-Djava.io.tmpdir=" + Files.createDirectories(root.resolve("tmp")),
                "-cp", System.getProperty("java.class.path"), TracedApp.class.getName(), broker.toString(), work.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LATCHKEY_") || k.startsWith("XDG_"));
        env.put("HOME", home.toString());
        for (String[] xdg : new String[][] {{"XDG_CONFIG_HOME", ".config"}, {"XDG_STATE_HOME", ".local/state"},
                {"XDG_CACHE_HOME", ".cache"}, {"XDG_DATA_HOME", ".local/share"}}) {
            env.put(xdg[0], home.resolve(xdg[1]).toString());
        }
        return new TracedApp(pb.start(), trace, work);
    }

    /** The user code its sign-in screen shows. */
    String userCode() throws InterruptedException {
        return expect("code ");
    }

    /** The access token of its session, once its agent serves. */
    String accessToken() throws InterruptedException {
        return expect("token ");
    }

    /** The socket its agent serves. */
    Path socket() {
        return work.resolve("run").resolve(AgentPaths.SOCKET);
    }

    /** What it wrote to files, read from its trace (after {@link #quit}). */
    FileWrites writes() throws IOException {
        return FileWrites.read(trace, work);
    }

    /** Asks it to quit and waits (bounded) for it and strace to end; it is killed if it does not. */
    void quit() throws InterruptedException {
        try (OutputStream in = process.getOutputStream()) {
            in.write("quit\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException ended) {
            // It has ended already.
        }
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the traced app did not quit within " + WAIT.toSeconds() + " s:\n" + err);
        }
    }

    private String expect(String what) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        for (String line = said.poll(1, TimeUnit.SECONDS); ; line = said.poll(1, TimeUnit.SECONDS)) {
            if (line != null && line.startsWith(what)) {
                return line.substring(what.length());
            }
            if (line != null && line.startsWith("failed")) {
                throw new AssertionError("the traced app " + line + "\n" + err);
            }
            if (System.nanoTime() > end || line == null && !process.isAlive()) {
                throw new AssertionError("the traced app said no '" + what.strip() + "' within " + WAIT.toSeconds()
                        + " s (alive: " + process.isAlive() + "):\n" + err);
            }
        }
    }

    private static void drain(InputStream stream, Consumer<String> line) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            in.lines().forEach(line);
        } catch (IOException | UncheckedIOException ended) {
            // The process ended.
        }
    }

    /** In the traced JVM: {@code TracedApp BROKER WORK}. */
    public static void main(String[] args) throws Exception {
        try {
            run(URI.create(args[0]), Path.of(args[1]));
        } catch (Exception | AssertionError e) {
            System.out.println(SAYS + "failed: " + e);
            e.printStackTrace();
        }
        System.exit(0);
    }

    private static void run(URI broker, Path work) throws Exception {
        Path locks = Files.createDirectories(work.resolve("runtime"));
        AtomicReference<Session> session = new AtomicReference<>();
        AppServices services = new AppServices(new FxTaskRunner(), new FxScheduler(Clock.systemDefaultZone()),
                BrokerProbe.overHttp(), url -> {
                    Session s = Session.builder(url)
                            .credentialStore(new InMemoryCredentialStore("the traced app keeps its session in memory"))
                            .lockDirectory(locks).build();
                    session.set(s);
                    return s;
                }, LocalFolders.under(work));
        CompletableFuture<AppComposition> started = new CompletableFuture<>();
        LaunchOptions options = new LaunchOptions(LaunchOptions.Mode.BROKER, Optional.of(broker), Optional.of("light"));
        Platform.startup(() -> started.complete(AppComposition.start(new Stage(), services, options, link -> {
            throw new UnsupportedOperationException("the traced app opens no browser");
        })));
        AppComposition app = started.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Stage stage = app.parts().window().stage();
        try {
            AotTraining.until("a user code", () -> !AotTraining.text(stage, "#user-code").isEmpty());
            say("code " + AotTraining.call(() -> AotTraining.text(stage, "#user-code")));
            AotTraining.until("its agent serving", () -> app.parts().agent().state().get() == AgentHost.State.SERVING);
            say("token " + session.get().accessToken());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                // Only "quit" (or the end of its input) means anything.
            }
        } finally {
            AotTraining.call(() -> {
                app.close();
                return null;
            });
            Platform.exit();
        }
    }

    private static void say(String what) {
        System.out.println(SAYS + what);
        System.out.flush();
    }
}
