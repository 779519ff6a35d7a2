package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.agent.AgentHost;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.Ellipses;
import dev.latchkey.app.common.InstalledCli;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.Shots;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Done-when of approvals: a broker whose policy says {@code confirm: true} for payments/dev, the app
 * signed in and serving the agent, and the real {@code latchkey run} (the CLI module's jar, a process of
 * its own) launching a program that reads payments/dev. The app's prompt names the process and the
 * reference; "Allow once" lets the program start, "Deny" refuses it.
 */
@ExtendWith(ApplicationExtension.class)
class ApprovalWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String REF = "latchkey://payments/dev/db-url";

    @TempDir
    Path root;

    private BrokerProcess broker;
    private AppComposition app;
    private final TestSessions sessions = TestSessions.inMemory();

    @AfterEach
    void close(FxRobot robot) throws Exception {
        AppWindow.close(robot, app, sessions, broker);
    }

    @Test
    void thePromptShowsForAConfirmScopeAndItsAnswerDecidesWhetherTheProgramStarts(FxRobot robot) throws Exception {
        broker = DevBroker.start("--policy", confirmingPolicy().toString());
        LocalFolders folders = LocalFolders.under(root.resolve("latchkey"));
        app = AppWindow.openOnSignIn(robot, broker.url(), folders, sessions);
        Stage stage = app.parts().window().stage();
        AppWindow.approve(robot, broker.url(), "ada");
        await().atMost(WAIT).until(() -> app.parts().agent().state().get() == AgentHost.State.SERVING);

        Launched allowed = shots() ? Launched.installed(root, broker.url().toString(), folders.agentPaths().socket())
                : Launched.start(root, broker.url().toString(), folders.agentPaths().socket());
        await().atMost(WAIT).until(() -> robot.lookup("#approval-prompt").tryQuery().isPresent());
        assertThat(AppWindow.text(robot, "#approval-refs")).isEqualTo(REF);
        assertThat(AppWindow.text(robot, "#approval-pid")).isEqualTo("pid " + allowed.cli());
        assertThat(AppWindow.text(robot, "#approval-command")).contains(" run --env DB=" + REF + " -- ");
        assertThat(AppWindow.text(robot, "#approval-folder")).isEqualTo(allowed.folder().toRealPath().toString());
        promptFitsAtBothSizes(robot, stage);
        assertThat(allowed.process.isAlive()).as("nothing starts before the answer").isTrue();
        assertThat(allowed.err()).contains("Waiting for approval in the Latchkey app");

        robot.clickOn("#approval-allow-once");
        assertThat(allowed.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(allowed.process.exitValue()).as(allowed.err()).isZero();
        assertThat(allowed.out()).contains("program-started");
        allowed.close();

        Launched denied = Launched.start(root, broker.url().toString(), folders.agentPaths().socket());
        await().atMost(WAIT).until(() -> robot.lookup("#approval-prompt").tryQuery().isPresent());
        assertThat(AppWindow.text(robot, "#approval-pid")).isEqualTo("pid " + denied.cli());
        robot.clickOn("#approval-deny");
        assertThat(denied.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(denied.process.exitValue()).isEqualTo(3);
        assertThat(denied.out()).doesNotContain("program-started");
        assertThat(denied.err()).contains("payments/dev asks to confirm each launch, and this one was denied");
    }

    private static boolean shots() {
        return !System.getProperty("latchkey.shots", "").isEmpty();
    }

    /**
     * At 1024x640 and 1920x1080 the prompt lies whole on the app's window, centred, with no text cut
     * short; with {@code -Dlatchkey.shots} each size is photographed as {@code approval-prompt-WxH.png}.
     */
    private static void promptFitsAtBothSizes(FxRobot robot, Stage stage) throws Exception {
        Window prompt = robot.lookup("#approval-prompt").query().getScene().getWindow();
        double[] before = Shots.placement(stage);
        for (int[] size : Shots.SIZES) {
            Shots.resize(robot, stage, size[0], size[1]);
            List<String> cut = new ArrayList<>();
            robot.interact(() -> {
                cut.addAll(Ellipses.in(stage.getScene()));
                cut.addAll(Ellipses.in(prompt.getScene()));
            });
            assertThat(cut).as("text cut short at " + size[0] + "x" + size[1]).isEmpty();
            assertThat(prompt.getX()).as("left edge at " + size[0]).isGreaterThanOrEqualTo(stage.getX());
            assertThat(prompt.getY()).as("top edge at " + size[0]).isGreaterThanOrEqualTo(stage.getY());
            assertThat(prompt.getX() + prompt.getWidth()).as("right edge at " + size[0])
                    .isLessThanOrEqualTo(stage.getX() + stage.getWidth());
            assertThat(prompt.getY() + prompt.getHeight()).as("bottom edge at " + size[0])
                    .isLessThanOrEqualTo(stage.getY() + stage.getHeight());
            assertThat(prompt.getX() + prompt.getWidth() / 2).as("centred at " + size[0])
                    .isCloseTo(stage.getX() + stage.getWidth() / 2, within(2.0));
            Shots.photograph("approval-prompt", size[0], size[1]);
        }
        Shots.putBack(robot, stage, before);
    }

    /** The demo policy the broker jar ships, with {@code confirm: true} on payments/dev. */
    private Path confirmingPolicy() throws IOException {
        String policy;
        try (FileSystem jar = FileSystems.newFileSystem(Path.of(System.getProperty("latchkey.demo.broker")))) {
            policy = Files.readString(jar.getPath("/dev/latchkey/broker/seed/dev-policy.yaml"), StandardCharsets.UTF_8);
        }
        assertThat(policy).contains("  payments/dev:\n");
        return Files.writeString(root.resolve("policy.yaml"), policy.replace("  payments/dev:\n",
                "  payments/dev:\n    confirm: true\n"));
    }

    /**
     * {@code latchkey run} from the CLI's jar, in {@code folder}, its output in files; {@code image} is the
     * installed command it runs through, if any (removed by {@link #close}).
     */
    private record Launched(Process process, Path folder, Path outFile, Path errFile, InstalledCli image) {

        static Launched start(Path root, String broker, Path socket) throws IOException {
            return start(root, root, List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-jar", jar().toString()),
                    List.of("sh", "-c", "echo program-started"), broker, socket, null);
        }

        /**
         * As a user runs it: the installed {@code latchkey} command, in a project's folder, starting the
         * project's {@code ./server}. Its command line and folder are what the screenshots show.
         */
        static Launched installed(Path root, String broker, Path socket) throws Exception {
            Path ada = Path.of(System.getProperty("java.io.tmpdir"), "ada");
            Path project = Files.createDirectories(ada.resolve("payments-api"));
            Path server = Files.writeString(project.resolve("server"), "#!/bin/sh\necho program-started\n");
            server.toFile().setExecutable(true);
            InstalledCli image = InstalledCli.pack(jar(), ada);
            // Started from a shell, as from a terminal: the prompt's "Started by" then names the shell.
            return start(root, project, List.of("bash", "-c", "\"$@\"; exit $?", "bash", image.command().toString()),
                    List.of("./server"), broker, socket, image);
        }

        private static Path jar() {
            String jar = System.getProperty("latchkey.cli.jar");
            if (jar == null || !Files.isRegularFile(Path.of(jar))) {
                throw new IllegalStateException("no CLI jar at " + jar + ": build the CLI module first "
                        + "(mvn -B -q -pl cli,app -am -DskipTests package)");
            }
            return Path.of(jar);
        }

        private static Launched start(Path root, Path folder, List<String> latchkey, List<String> program, String broker,
                                      Path socket, InstalledCli image) throws IOException {
            Path home = Files.createDirectories(root.resolve("home"));
            String id = Long.toString(System.nanoTime());
            Path out = root.resolve("out-" + id);
            Path err = root.resolve("err-" + id);
            List<String> command = new ArrayList<>(latchkey);
            command.addAll(List.of("run", "--env", "DB=" + REF, "--"));
            command.addAll(program);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(folder.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("LATCHKEY_") || k.startsWith("XDG_"));
            env.putAll(Map.of("HOME", home.toString(), "LATCHKEY_BROKER", broker,
                    "LATCHKEY_AGENT_SOCKET", socket.toString()));
            return new Launched(pb.start(), folder, out, err, image);
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
}
