package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.app.activity.ActivityRow;
import dev.latchkey.app.agent.AgentHost;
import dev.latchkey.app.common.BothSizes;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.testsupport.RealParts;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Activity page in the real window under Xvfb: a real process ({@code curl}) reads two secrets
 * through the app's agent, ada launches a profile from the app, and both appear with their
 * processes; the filters narrow the table; the export is JSON lines; no served value is in the
 * launch log, the page or the export.
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class ActivityWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

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
    void aReadThroughTheAgentAndALaunchAppearFilterAndExportWithoutValues(FxRobot robot) throws Exception {
        broker = DevBroker.start();
        LocalFolders folders = LocalFolders.under(root.resolve("latchkey"));
        // A folder that reads like a project's in the screenshots (only a working folder: runs may share it).
        Path project = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "ada", "payments-api"));
        Files.createDirectories(folders.config());
        Files.writeString(folders.config().resolve("app-profiles.toml"), """
                [profiles.payments-worker]
                command = "sh"
                args = ["-c", "exit 0"]
                workdir = '%s'

                [profiles.payments-worker.env]
                DB_URL = 'latchkey://payments/dev/db-url'
                """.formatted(project));
        app = AppWindow.openOnSignIn(robot, broker.url(), folders, sessions);
        Stage stage = app.parts().window().stage();
        AppWindow.approve(robot, broker.url(), "ada");
        await().atMost(WAIT).until(() -> app.parts().agent().state().get() == AgentHost.State.SERVING);

        // A process of this user reads through the app's agent, as `latchkey run` does.
        Process curl = resolve(folders.agentPaths().socket(), project, broker.url().toString());
        JsonNode answer = new ObjectMapper().readTree(curl.getInputStream().readAllBytes());
        assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        List<String> values = new ArrayList<>();
        answer.path("secrets").forEach(s -> values.add(s.get("value").asText()));
        assertThat(values).as(answer.toString()).hasSize(2).allSatisfy(v -> assertThat(v).hasSizeGreaterThan(8));

        // A launch from the app: the launcher, the profile, Ctrl+L.
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#nav-launcher").tryQuery().isPresent());
        UiThread.click(robot, "#nav-launcher");
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#profile-payments-worker").tryQuery().isPresent());
        UiThread.click(robot, "#profile-payments-worker");
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#console-payments-worker").tryQueryAs(TextArea.class)
                .map(TextArea::getText).filter(t -> t.contains("exited with code 0")).isPresent());

        UiThread.click(robot, "#nav-activity");
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#activity").tryQuery().isPresent());
        TableView<ActivityRow> table = UiThread.lookup(robot, "#activity").queryTableView();
        await().atMost(WAIT).until(() -> table.getItems().stream().map(ActivityRow::kind).toList()
                .containsAll(List.of(ActivityRow.Kind.AGENT_READ, ActivityRow.Kind.LAUNCH)));
        ActivityRow read = table.getItems().stream().filter(r -> r.kind() == ActivityRow.Kind.AGENT_READ).findFirst()
                .orElseThrow();
        assertThat(read.processText()).isEqualTo("curl (pid " + curl.pid() + ")");
        assertThat(read.folderText()).isEqualTo(project.toRealPath().toString());
        assertThat(read.parentsText()).startsWith("java (" + ProcessHandle.current().pid() + ")");
        assertThat(read.refs()).containsExactlyInAnyOrder("latchkey://payments/dev/db-url",
                "latchkey://payments/dev/stripe-api-key");
        assertThat(read.decision()).isEqualTo(ActivityRow.Decision.AUTO);
        assertThat(read.grants()).isNotEmpty().allSatisfy(g -> assertThat(g.scope()).isEqualTo("payments/dev"));
        ActivityRow launch = table.getItems().stream().filter(r -> r.kind() == ActivityRow.Kind.LAUNCH).findFirst()
                .orElseThrow();
        assertThat(launch.summary()).isEqualTo("Launched payments-worker");
        assertThat(launch.folderText()).isEqualTo(project.toString());
        assertThat(shownText(robot)).contains("curl (pid " + curl.pid() + ")", "Launched payments-worker", "Auto");
        WaitForAsyncUtils.waitForFxEvents();
        BothSizes.check(robot, stage, "activity");

        // The text filter, then the decision filter.
        UiThread.click(robot, "#activity-filter").write("curl");
        await().atMost(WAIT).until(() -> table.getItems().size() == 1);
        assertThat(table.getItems().getFirst().kind()).isEqualTo(ActivityRow.Kind.AGENT_READ);
        robot.interact(() -> UiThread.lookup(robot, "#activity-filter").queryTextInputControl().clear());
        @SuppressWarnings("unchecked")
        ComboBox<ActivityRow.Decision> decision = UiThread.lookup(robot, "#activity-decision").queryAs(ComboBox.class);
        robot.interact(() -> decision.setValue(ActivityRow.Decision.DENIED));
        assertThat(table.getItems()).isEmpty();
        assertThat(UiThread.lookup(robot, "#activity-message").queryAs(Label.class).getText()).startsWith("Nothing matches the filter.");
        robot.interact(() -> decision.setValue(null));
        assertThat(table.getItems()).hasSizeGreaterThanOrEqualTo(2);

        // Export: JSON lines, one per row shown, without a value.
        Path export = root.resolve("export").resolve("activity.jsonl");
        app.navigation().exportTo(() -> Optional.of(export));
        UiThread.click(robot, "#activity-export");
        await().atMost(WAIT).until(() -> Files.exists(export) && !Files.readString(export).isEmpty());
        List<String> kinds = new ArrayList<>();
        for (String line : Files.readAllLines(export)) {
            kinds.add(new ObjectMapper().readTree(line).get("kind").asText());
        }
        assertThat(kinds).contains("agent-read", "launch").hasSize(table.getItems().size());

        String log = Files.readString(folders.launchLog().file());
        String exported = Files.readString(export);
        String page = shownText(robot);
        for (String v : values) {
            assertThat(log).as("the launch log").doesNotContain(v);
            assertThat(exported).as("the export").doesNotContain(v);
            assertThat(page).as("the page").doesNotContain(v);
        }
    }

    private static String shownText(FxRobot robot) {
        StringBuilder all = new StringBuilder();
        UiThread.lookup(robot, "#activity-screen .label").queryAllAs(Label.class).forEach(l -> all.append(l.getText()).append('\n'));
        Node table = UiThread.lookup(robot, "#activity").query();
        UiThread.lookup(robot, table, (Node n) -> n instanceof Text).queryAllAs(Text.class)
                .forEach(t -> all.append(t.getText()).append('\n'));
        UiThread.lookup(robot, "#activity-screen .hyperlink").queryAllAs(Hyperlink.class).forEach(h -> all.append(h.getText()).append('\n'));
        return all.toString();
    }

    private static Process resolve(Path socket, Path folder, String brokerUrl) throws IOException {
        try {
            return new ProcessBuilder("curl", "-s", "--max-time", "20", "--unix-socket", socket.toString(),
                    "-H", "Content-Type: application/json", "--data", "{\"broker\":\"" + brokerUrl + "\",\"refs\":["
                    + "\"latchkey://payments/dev/db-url\",\"latchkey://payments/dev/stripe-api-key\"]}",
                    "http://agent/v1/resolve").directory(folder.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            RealParts.missing("curl is needed to read through the agent from a real process: " + e.getMessage());
            throw e;
        }
    }
}
