package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.agent.AgentHost;
import dev.latchkey.app.common.BothSizes;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.NaturalFolders;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.core.approval.LocalConfirmScopes;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Settings' "Ask before launches" in the real window, with the app serving the agent: the policy's
 * confirm scope (payments/prod) is shown ticked and locked; ticking payments/dev writes
 * {@code confirm-scopes}, and the next real {@code latchkey run} through the agent that reads it waits
 * for the app's prompt (no restart); unticking it lets the next one start unasked.
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class ConfirmScopesWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String REF = "latchkey://payments/dev/db-url";

    @TempDir
    Path root;

    private BrokerProcess broker;
    private AppComposition app;
    private NaturalFolders natural;
    private final TestSessions sessions = TestSessions.inMemory();

    @AfterEach
    void close(FxRobot robot) throws Exception {
        AppWindow.close(robot, app, natural, sessions, broker);
    }

    @Test
    void tickingAScopeMakesTheNextLaunchThroughTheAgentAskAndUntickingStopsIt(FxRobot robot) throws Exception {
        broker = DevBroker.start("--policy", CliLaunch.confirmingPolicy(root, "payments/prod").toString());
        // A home and runtime folder that read like a user's: the section shows where its file is.
        natural = new NaturalFolders(root);
        Path home = natural.claim("home", "ada");
        LocalFolders base = natural.withNaturalSocket(LocalFolders.under(root.resolve("latchkey")));
        LocalFolders folders = new LocalFolders(home.resolve(".config").resolve("latchkey"), base.launchLog(), base.env(), home);
        Path file = folders.config().resolve(LocalConfirmScopes.FILE);
        app = AppWindow.openOnSignIn(robot, broker.url(), folders, sessions);
        Stage stage = app.parts().window().stage();
        AppWindow.approve(robot, broker.url(), "ada");
        await().atMost(WAIT).until(() -> app.parts().agent().state().get() == AgentHost.State.SERVING);

        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#nav-settings").tryQuery().isPresent());
        UiThread.click(robot, "#nav-settings");
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#confirm-payments-dev").tryQuery().isPresent());
        CheckBox prod = UiThread.lookup(robot, "#confirm-payments-prod").queryAs(CheckBox.class);
        assertThat(prod.isSelected()).as("the policy's scope is ticked").isTrue();
        assertThat(prod.isDisabled()).as("and locked").isTrue();
        assertThat(UiThread.lookup(robot, "#confirm-payments-dev").queryAs(CheckBox.class).isSelected()).isFalse();
        assertThat(file).doesNotExist();
        assertThat(text(robot, "#confirm-scopes-about")).contains("Kept on this computer in ~/.config/latchkey/confirm-scopes;");

        AppWindow.scrollSettingsTo(robot, "#confirm-scopes-section");
        UiThread.click(robot, "#confirm-payments-dev");
        await().atMost(WAIT).until(() -> LocalConfirmScopes.read(folders.config()).contains("payments/dev"));
        assertThat(Files.readString(file)).endsWith("\npayments/dev\n");
        await().atMost(WAIT).until(() -> text(robot, "#confirm-scopes-message")
                .equals("Launches that read payments/dev ask you first from now on."));
        assertThat(UiThread.lookup(robot, "#confirm-payments-dev").queryAs(CheckBox.class).isSelected()).isTrue();
        BothSizes.check(robot, stage, "confirm-scopes-settings");

        // The running agent reads the file at each launch: this one now waits for the app's answer.
        CliLaunch asked = CliLaunch.start(root, broker.url().toString(), folders.agentPaths().socket(), REF);
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#approval-prompt").tryQuery().isPresent());
        assertThat(text(robot, "#approval-refs")).isEqualTo(REF);
        assertThat(asked.process().isAlive()).as("nothing starts before the answer").isTrue();
        UiThread.click(robot, "#approval-allow-once");
        assertThat(asked.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(asked.process().exitValue()).as(asked.err()).isZero();
        assertThat(asked.out()).contains("program-started");
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#approval-prompt").tryQuery().isEmpty());

        AppWindow.scrollSettingsTo(robot, "#confirm-scopes-section");
        UiThread.click(robot, "#confirm-payments-dev");
        await().atMost(WAIT).until(() -> !LocalConfirmScopes.read(folders.config()).contains("payments/dev"));
        CliLaunch unasked = CliLaunch.start(root, broker.url().toString(), folders.agentPaths().socket(), REF);
        assertThat(unasked.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(unasked.process().exitValue()).as(unasked.err()).isZero();
        assertThat(unasked.out()).contains("program-started");
        assertThat(unasked.err()).doesNotContain("asks to confirm");
        assertThat(UiThread.lookup(robot, "#approval-prompt").tryQuery()).isEmpty();
    }

    private static String text(FxRobot robot, String query) {
        return UiThread.lookup(robot, query).tryQueryAs(Label.class).map(Label::getText).orElse("");
    }
}
