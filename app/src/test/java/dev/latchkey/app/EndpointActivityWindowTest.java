package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.activity.ActivityRow;
import dev.latchkey.app.agent.AgentHost;
import dev.latchkey.app.common.BothSizes;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.Shots;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.core.launch.LaunchLog;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Activity page with "Endpoint read" rows, in the real window at both sizes: a real
 * {@code latchkey run --refresh-endpoint} through the app's agent, whose child ({@code curl} in a
 * shell) reads its refresh endpoint; the run writes the same launch log the app reads (as on a
 * user's machine), so the page shows the agent's read, the launch and the endpoint read whole.
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class EndpointActivityWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

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
    void endpointReadsShowWholeBesideTheLaunchAndTheAgentsRead(FxRobot robot) throws Exception {
        broker = DevBroker.start();
        Path stateHome = root.resolve("state");
        LocalFolders base = LocalFolders.under(root.resolve("latchkey"));
        // The CLI's launch log is the app's: XDG_STATE_HOME/latchkey/launches.jsonl.
        LocalFolders folders = new LocalFolders(base.config(),
                LaunchLog.inStateFolder(Map.of("XDG_STATE_HOME", stateHome.toString())), base.env(), base.home());
        Path project = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "ada", "payments-api"));
        app = AppWindow.openOnSignIn(robot, broker.url(), folders, sessions);
        Stage stage = app.parts().window().stage();
        AppWindow.approve(robot, broker.url(), "ada");
        await().atMost(WAIT).until(() -> app.parts().agent().state().get() == AgentHost.State.SERVING);

        String read = "curl -s -H \"Authorization: Bearer $LATCHKEY_CREDENTIALS_TOKEN\" \"$LATCHKEY_CREDENTIALS_URL\" >/dev/null";
        CliLaunch run = CliLaunch.run(root, project, List.of("--refresh-endpoint",
                        "--env", "DB_URL=latchkey://payments/dev/db-url", "--sandbox", "STRIPE=payments-sandbox:15m"),
                List.of("sh", "-c", read + "; " + read + "; echo read-twice"), broker.url().toString(),
                folders.agentPaths().socket(), Map.of("XDG_STATE_HOME", stateHome.toString()));
        assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process().exitValue()).as(run.err()).isZero();
        assertThat(run.out()).contains("read-twice");

        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#nav-activity").tryQuery().isPresent());
        UiThread.click(robot, "#nav-activity");
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#activity").tryQuery().isPresent());
        TableView<ActivityRow> table = UiThread.lookup(robot, "#activity").queryTableView();
        await().atMost(WAIT).until(() -> table.getItems().stream().map(ActivityRow::kind).toList()
                .containsAll(List.of(ActivityRow.Kind.ENDPOINT_READ, ActivityRow.Kind.AGENT_READ, ActivityRow.Kind.LAUNCH)));
        ActivityRow endpoint = table.getItems().stream().filter(r -> r.kind() == ActivityRow.Kind.ENDPOINT_READ)
                .findFirst().orElseThrow();
        assertThat(endpoint.processText()).startsWith("curl (pid ");
        assertThat(endpoint.folderText()).isEqualTo(project.toRealPath().toString());
        assertThat(endpoint.refs()).contains("latchkey://payments/dev/db-url");
        assertThat(endpoint.details()).as("a launch that named no profile").first().asString()
                .matches("Launch from the command line \\(pid [0-9]+\\)");
        assertThat(table.getItems().stream().filter(r -> r.kind() == ActivityRow.Kind.ENDPOINT_READ).count())
                .as("one program reading twice the same values: one line").isEqualTo(1);
        WaitForAsyncUtils.waitForFxEvents();
        BothSizes.check(robot, stage, "activity-endpoint");

        // At the smallest size each row stays at most three lines tall: long texts are cut, said whole on hover.
        double[] before = Shots.placement(stage);
        Shots.resize(robot, stage, 1024, 640);
        List<Double> lines = new ArrayList<>();
        List<Double> rows = new ArrayList<>();
        robot.interact(() -> {
            UiThread.lookup(robot, table, ".table-row-cell .label").queryAllAs(Label.class).forEach(l -> lines.add(l.getHeight()));
            UiThread.lookup(robot, table, (Node n) -> n instanceof TableRow<?> r && r.getItem() != null).queryAll()
                    .forEach(r -> rows.add(((TableRow<?>) r).getHeight()));
        });
        double line = lines.stream().mapToDouble(Double::doubleValue).filter(h -> h > 0).min().orElseThrow();
        assertThat(rows).as("rows at 1024x640 (one line is " + line + " px)").isNotEmpty().allMatch(h -> h <= 3 * line + 16);
        Shots.putBack(robot, stage, before);
    }
}
