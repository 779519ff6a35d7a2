package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.NaturalFolders;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.app.guard.GitRepos;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
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
 * The leak guard in the real window under Xvfb: ada installs the guard from Settings (a folder
 * that is no repository is refused in words, a repository's own hook is kept), then sees a commit
 * the guard stopped under Activity. With {@code -Dlatchkey.screenshots=FOLDER} it also
 * photographs both screens at 1024x640 and 1920x1080 (the X screen must be that large).
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class GuardWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A fake AWS key id of the documented shape; not a real key. */
    private static final String FAKE_KEY = "AKIAZ7Q2WXYV3LMN4PRS";

    @TempDir
    Path root;

    private NaturalFolders natural;

    private BrokerProcess broker;
    private AppComposition app;
    private final TestSessions sessions = TestSessions.inKeychain();

    @AfterEach
    void close(FxRobot robot) throws Exception {
        AppWindow.close(robot, app, sessions, broker, natural);
    }

    @Test
    void adaInstallsTheGuardFromSettingsAndSeesAStoppedCommitUnderActivity(FxRobot robot) throws Exception {
        broker = DevBroker.start();
        natural = new NaturalFolders(root);
        LocalFolders folders = natural.withNaturalSocket(LocalFolders.under(root.resolve("latchkey")));
        app = AppWindow.openOnSignIn(robot, broker.url(), folders, sessions);
        Stage stage = app.parts().window().stage();
        AppWindow.approve(robot, broker.url(), "ada");
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#scope-payments-dev").tryQuery().isPresent());

        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#guard-install").tryQuery().isPresent());
        assertThat(UiThread.lookup(robot, "#guarded-repositories").queryListView().getItems()).isEmpty();
        // At 1024x640 the guard's part is below the fold: scroll to it as a person would.
        AppWindow.scrollSettingsToEnd(robot);

        Path plain = Files.createDirectories(root.resolve("notes"));
        UiThread.click(robot, "#guard-folder").write(plain.toString());
        UiThread.click(robot, "#guard-install");
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#guard-message").contains("is not in a git repository"));
        assertThat(AppWindow.text(robot, "#guard-message")).endsWith("Pick a repository's folder, or run git init in it first.");
        assertThat(UiThread.lookup(robot, "#guard-message").query().getStyleClass()).contains("error-text");

        Path repo = GitRepos.init(natural.claim("home", "ada", "web shop"));
        Files.writeString(repo.resolve(".git/hooks/pre-commit"), "#!/bin/sh\necho lint\n");
        robot.interact(() -> UiThread.lookup(robot, "#guard-folder").queryTextInputControl().setText(repo.toString()));
        UiThread.click(robot, "#guard-folder").press(KeyCode.ENTER).release(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#guard-message").startsWith("Installed the guard in " + repo));
        assertThat(AppWindow.text(robot, "#guard-message")).endsWith("Your existing pre-commit hook is kept and runs first.");
        assertThat(UiThread.lookup(robot, "#guard-message").query().getStyleClass()).doesNotContain("error-text");
        ListView<?> list = UiThread.lookup(robot, "#guarded-repositories").queryListView();
        await().atMost(WAIT).until(() -> list.getItems().size() == 1);
        assertThat(Files.readString(repo.resolve(".git/hooks/pre-commit"))).contains("latchkey-guard hook");
        WaitForAsyncUtils.waitForFxEvents();
        shoot(robot, stage, "guard-settings");

        // What the pre-commit hook does when it stops a commit: scan the staged change, then remember it.
        Files.writeString(repo.resolve("deploy.env"), "AWS_ACCESS_KEY_ID=" + FAKE_KEY + "\n");
        GitRepos.git(repo, "add", "deploy.env");
        LeakGuard hook = LeakGuard.builder().folder(root.resolve("latchkey/state/guard"))
                .credentialStore(new InMemoryCredentialStore("the pattern rule needs no key")).build();
        hook.blocked(repo, "pre-commit", hook.staged(repo));

        robot.press(KeyCode.ALT, KeyCode.V).release(KeyCode.V, KeyCode.ALT);
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#activity-commit-stopped").tryQuery().isPresent());
        Node entry = UiThread.lookup(robot, "#activity-commit-stopped").query();
        // Each line as the entry has it (a line too long for its column is drawn cut), and what hovering shows.
        String shown = UiThread.lookup(robot, entry, (Node n) -> n instanceof Label || n instanceof Text && !(n.getParent() instanceof Label))
                .queryAll()
                .stream().map(n -> n instanceof Label l ? l.getText() : ((Text) n).getText()).reduce("", (a, b) -> a + "\n" + b);
        String hovered = UiThread.lookup(robot, entry, (Node n) -> n instanceof TableCell<?, ?> c && c.getTooltip() != null).queryAll()
                .stream().map(n -> ((TableCell<?, ?>) n).getTooltip().getText()).reduce("", (a, b) -> a + "\n" + b);
        for (String text : new String[] {shown, hovered}) {
            assertThat(text).contains("Commit stopped in web shop: 1 secret found", "Repository " + repo,
                    "AWS access key id (rule aws-access-token) in deploy.env, line 1", "Stopped").doesNotContain(FAKE_KEY);
        }
        assertThat(app.parts().window().stage().getTitle()).endsWith("Activity");
        shoot(robot, stage, "guard-activity");
    }

    /** Photographs the X screen with ImageMagick at both sizes when asked to (not in CI). */
    private static void shoot(FxRobot robot, Stage stage, String name) throws Exception {
        String folder = System.getProperty("latchkey.screenshots");
        if (folder == null || folder.isBlank()) {
            return;
        }
        Files.createDirectories(Path.of(folder));
        for (int[] size : new int[][] {{1024, 640}, {1920, 1080}}) {
            robot.interact(() -> {
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(700); // a few pulses for layout and software rendering to reach the X server
            Process p = new ProcessBuilder("import", "-window", "root", "-crop", size[0] + "x" + size[1] + "+0+0",
                    Path.of(folder, name + "-" + size[0] + "x" + size[1] + ".png").toString()).inheritIO().start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("import " + name).isTrue();
        }
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(640);
        });
    }
}
