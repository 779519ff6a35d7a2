package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.agent.AgentHost;
import dev.latchkey.app.common.BothSizes;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
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
        if (app != null) {
            robot.interact(app::close);
        }
        sessions.close();
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void thePromptShowsForAConfirmScopeAndItsAnswerDecidesWhetherTheProgramStarts(FxRobot robot) throws Exception {
        broker = DevBroker.start("--policy", confirmingPolicy().toString());
        LocalFolders folders = LocalFolders.under(root.resolve("latchkey"));
        app = AppWindow.openOnSignIn(robot, broker.url(), folders, sessions);
        Stage stage = app.parts().window().stage();
        AppWindow.approve(robot, broker.url(), "ada");
        await().atMost(WAIT).until(() -> app.parts().agent().state().get() == AgentHost.State.SERVING);

        Launched allowed = Launched.start(root, broker.url().toString(), folders.agentPaths().socket());
        await().atMost(WAIT).until(() -> robot.lookup("#approval-prompt").tryQuery().isPresent());
        assertThat(text(robot, "#approval-refs")).isEqualTo(REF);
        assertThat(text(robot, "#approval-pid")).isEqualTo("pid " + allowed.process.pid());
        assertThat(text(robot, "#approval-command")).contains("latchkey.jar run");
        assertThat(text(robot, "#approval-folder")).isEqualTo(root.toString());
        BothSizes.check(robot, stage, "approval-prompt");
        assertThat(allowed.process.isAlive()).as("nothing starts before the answer").isTrue();
        assertThat(allowed.err()).contains("Waiting for approval in the Latchkey app");

        robot.clickOn("#approval-allow-once");
        assertThat(allowed.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(allowed.process.exitValue()).as(allowed.err()).isZero();
        assertThat(allowed.out()).contains("program-started");

        Launched denied = Launched.start(root, broker.url().toString(), folders.agentPaths().socket());
        await().atMost(WAIT).until(() -> robot.lookup("#approval-prompt").tryQuery().isPresent());
        assertThat(text(robot, "#approval-pid")).isEqualTo("pid " + denied.process.pid());
        robot.clickOn("#approval-deny");
        assertThat(denied.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(denied.process.exitValue()).isEqualTo(3);
        assertThat(denied.out()).doesNotContain("program-started");
        assertThat(denied.err()).contains("payments/dev asks to confirm each launch, and this one was denied");
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQueryAs(Label.class).map(Label::getText).orElse("");
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

    /** {@code latchkey run} from the CLI's jar, in {@code folder}, its output in files. */
    private record Launched(Process process, Path outFile, Path errFile) {
        static Launched start(Path folder, String broker, Path socket) throws IOException {
            String jar = System.getProperty("latchkey.cli.jar");
            if (jar == null || !Files.isRegularFile(Path.of(jar))) {
                throw new IllegalStateException("no CLI jar at " + jar + ": build the CLI module first "
                        + "(mvn -B -q -pl cli,app -am -DskipTests package)");
            }
            Path home = Files.createDirectories(folder.resolve("home"));
            String id = Long.toString(System.nanoTime());
            Path out = folder.resolve("out-" + id);
            Path err = folder.resolve("err-" + id);
            ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-jar", jar, "run",
                    "--env", "DB=" + REF, "--", "sh", "-c", "echo program-started")
                    .directory(folder.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("LATCHKEY_") || k.startsWith("XDG_"));
            env.putAll(Map.of("HOME", home.toString(), "LATCHKEY_BROKER", broker,
                    "LATCHKEY_AGENT_SOCKET", socket.toString()));
            return new Launched(pb.start(), out, err);
        }

        String out() throws IOException {
            return Files.readString(outFile, StandardCharsets.UTF_8);
        }

        String err() throws IOException {
            return Files.readString(errFile, StandardCharsets.UTF_8);
        }
    }
}
