package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.agent.AgentHost;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.Ellipses;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.Shots;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
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
        broker = DevBroker.start("--policy", CliLaunch.confirmingPolicy(root, "payments/dev").toString());
        LocalFolders folders = LocalFolders.under(root.resolve("latchkey"));
        app = AppWindow.openOnSignIn(robot, broker.url(), folders, sessions);
        Stage stage = app.parts().window().stage();
        AppWindow.approve(robot, broker.url(), "ada");
        await().atMost(WAIT).until(() -> app.parts().agent().state().get() == AgentHost.State.SERVING);

        CliLaunch allowed = shots() ? CliLaunch.installed(root, broker.url().toString(), folders.agentPaths().socket(), REF)
                : CliLaunch.start(root, broker.url().toString(), folders.agentPaths().socket(), REF);
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#approval-prompt").tryQuery().isPresent());
        assertThat(AppWindow.text(robot, "#approval-refs")).isEqualTo(REF);
        assertThat(AppWindow.text(robot, "#approval-pid")).isEqualTo("pid " + allowed.cli());
        assertThat(AppWindow.text(robot, "#approval-command")).contains(" run --env DB=" + REF + " -- ");
        assertThat(AppWindow.text(robot, "#approval-folder")).isEqualTo(allowed.folder().toRealPath().toString());
        promptFitsAtBothSizes(robot, stage);
        assertThat(allowed.process().isAlive()).as("nothing starts before the answer").isTrue();
        assertThat(allowed.err()).contains("Waiting for approval in the Latchkey app");

        UiThread.click(robot, "#approval-allow-once");
        assertThat(allowed.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(allowed.process().exitValue()).as(allowed.err()).isZero();
        assertThat(allowed.out()).contains("program-started");
        allowed.close();

        CliLaunch denied = CliLaunch.start(root, broker.url().toString(), folders.agentPaths().socket(), REF);
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#approval-prompt").tryQuery().isPresent());
        assertThat(AppWindow.text(robot, "#approval-pid")).isEqualTo("pid " + denied.cli());
        UiThread.click(robot, "#approval-deny");
        assertThat(denied.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(denied.process().exitValue()).isEqualTo(3);
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
        Window prompt = UiThread.lookup(robot, "#approval-prompt").query().getScene().getWindow();
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
}
