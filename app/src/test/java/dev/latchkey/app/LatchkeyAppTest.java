package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.FxScheduler;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.Notice;
import dev.latchkey.app.common.Shown;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.Theme;
import dev.latchkey.app.common.Toasts;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.app.demo.DemoBrokerProgram;
import dev.latchkey.app.keychain.KeychainPromptBanner;
import dev.latchkey.app.tray.TrayState;
import dev.latchkey.app.tray.TraySupport;
import dev.latchkey.app.tray.sni.StatusNotifierItem;
import dev.latchkey.app.tray.sni.TrayWatcher;
import dev.latchkey.testsupport.broker.BrokerProcess;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/** Drives the real app window under a real X server, against real brokers on loopback. */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class LatchkeyAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private AppComposition app;

    private AppComposition open(FxRobot robot, LaunchOptions options) throws Exception {
        return open(robot, options, new AppServices(new FxTaskRunner(), new FxScheduler(Clock.systemUTC()),
                BrokerProbe.overHttp(), TestSessions.inMemory().sessions()));
    }

    private AppComposition open(FxRobot robot, LaunchOptions options, AppServices services) throws Exception {
        app = AppWindow.start(robot, services, options);
        return app;
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        AppWindow.close(robot, app);
    }

    @Test
    void withoutArgumentsTheAppOpensOnTheDemoAndAdaSignsIn(FxRobot robot) throws Exception {
        // Each title the window takes, with whether a code and a working "Open browser" showed then.
        List<String> titles = new CopyOnWriteArrayList<>();
        ChangeListener<String> record = (obs, old, now) -> titles.add(now + (signInWorks(robot) ? " (code shown)" : ""));
        Stage stage = FxToolkit.registerPrimaryStage();
        robot.interact(() -> stage.titleProperty().addListener(record));
        try {
            open(robot, LaunchOptions.parse(List.of()));
            await().atMost(WAIT).until(() -> !AppWindow.text(robot, "#user-code").isEmpty() && !AppWindow.text(robot, "#countdown").isEmpty());
        } finally {
            robot.interact(() -> stage.titleProperty().removeListener(record));
        }
        assertThat(app.parts().window().stage().getTitle()).isEqualTo("Latchkey — Sign in");
        assertThat(titles).as("the title says \"Sign in\" only once the code and its button work (bench/startup.sh waits for it)")
                .containsSubsequence("Latchkey — Starting", "Latchkey — Getting a sign-in code", "Latchkey — Sign in (code shown)")
                .doesNotContain("Latchkey — Sign in").last().isEqualTo("Latchkey — Sign in (code shown)");
        assertThat(AppWindow.text(robot, "#demo-hint")).contains("ada").contains("grace");
        assertThat(AppWindow.text(robot, "#countdown")).matches("The code expires in \\d+:\\d\\d");
        assertThat(UiThread.lookup(robot, "#qr").queryAs(ImageView.class).getImage()).isNotNull();
        assertThat(UiThread.lookup(robot, "#notice-memory-only").tryQuery()).as("memory-only sessions say so").isPresent();
        String status = AppWindow.text(robot, "#status");
        assertThat(status).startsWith("Demo broker (development mode) at http://127.0.0.1:");
        String broker = status.substring(status.indexOf("http://"));

        DevSignIn.approve(URI.create(broker), AppWindow.text(robot, "#user-code"), "ada");
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#scope-payments-dev").tryQuery().isPresent());
        assertThat(AppWindow.text(robot, "#status")).startsWith("Signed in as Ada Lovelace");

        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#storage-mode").startsWith("Memory-only session"));
        // Ada's news and notices, as the broker's events would put them up.
        robot.interact(() -> {
            app.parts().toasts().show(new Toasts.Toast("decision:r_1", Notice.Severity.INFO,
                    "Your request for payments/dev was approved by policy staging-short."));
            app.parts().banner().show(new Notice("revoked:g_1", Notice.Severity.ERROR,
                    "Your access to payments/dev was revoked by grace."));
        });
        UiThread.click(robot, "#sign-out");
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#user-code").tryQuery().map(n -> n.isVisible()).orElse(false)
                && !AppWindow.text(robot, "#user-code").isEmpty());
        assertThat(app.parts().toasts().shown()).as("the last person's news does not survive a sign-out").isEmpty();
        assertThat(UiThread.lookup(robot, ".toast").tryQuery()).isEmpty();
        assertThat(app.parts().banner().notices()).extracting(Notice::key).as("only notices about this machine stay")
                .doesNotContain("revoked:g_1").contains("memory-only");
        assertThat(UiThread.lookup(robot, "#nav-settings").tryQuery()).as("no navigation while signed out").isEmpty();
    }

    @Test
    void inTheDemoTheTrayIsSetUpOnlyOnceTheSignInCodeShows(FxRobot robot) throws Exception {
        // The tray's look at the session bus (and AWT's start) took the two cores the sign-in screen waited for.
        try (TrayWatcher watcher = TrayWatcher.start(true)) {
            List<Integer> itemsWhenSignInShowed = new CopyOnWriteArrayList<>();
            ChangeListener<String> record = (obs, old, now) -> {
                if (now.equals("Latchkey — Sign in")) {
                    itemsWhenSignInShowed.add(watcher.items().size());
                }
            };
            Stage stage = FxToolkit.registerPrimaryStage();
            robot.interact(() -> stage.titleProperty().addListener(record));
            try {
                open(robot, LaunchOptions.parse(List.of()));
                await().atMost(WAIT).until(() -> !itemsWhenSignInShowed.isEmpty());
            } finally {
                robot.interact(() -> stage.titleProperty().removeListener(record));
            }
            assertThat(itemsWhenSignInShowed).as("no tray item yet when the code showed").containsExactly(0);
            await().atMost(WAIT).until(() -> watcher.items().size() == 1);
        }
    }

    /** Whether the sign-in screen shows a code and an "Open browser" that can be clicked (on the UI thread). */
    private static boolean signInWorks(FxRobot robot) {
        return !AppWindow.text(robot, "#user-code").isEmpty() && UiThread.lookup(robot, "#open-browser").tryQuery()
                .map(b -> !b.isDisabled() && b.getScene() != null && shown(b)).orElse(false);
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aDemoBrokerThatDoesNotStartSaysWhyAndOffersARetry(FxRobot robot, @TempDir Path dir) throws Exception {
        Path missing = dir.resolve(DemoBrokerProgram.JAR_NAME);
        open(robot, LaunchOptions.demo(), new AppServices(new FxTaskRunner(), new FxScheduler(Clock.systemUTC()),
                BrokerProbe.overHttp(), TestSessions.inMemory().sessions(), LocalFolders.under(dir),
                new KeychainPromptBanner(Platform::runLater),
                new DemoBrokerProgram(DemoBrokerProgram.locate().java(), missing)));
        await().atMost(WAIT).until(() -> !AppWindow.text(robot, "#demo-error").isEmpty());
        assertThat(AppWindow.text(robot, "#demo-error")).isEqualTo("The demo broker did not start: Its program is missing: there is no "
                + missing + ". Reinstall Latchkey (in a checkout, build it first: mvn -B -q -DskipTests package)."
                + " Retry, or connect to your organisation's broker instead.");
        assertThat(app.parts().window().stage().getTitle()).endsWith("Welcome");
        Button retry = UiThread.lookup(robot, "#try-demo").queryButton();
        assertThat(retry.getText()).isEqualTo("_Retry the demo");
        assertThat(retry.isDisabled()).isFalse();
    }

    @Test
    void theWelcomeScreenChecksABrokerUrlLiveAndConnects(FxRobot robot) throws Exception {
        try (BrokerProcess broker = DevBroker.start()) {
            open(robot, new LaunchOptions(LaunchOptions.Mode.WELCOME, Optional.empty(), Optional.of("light")));
            UiThread.click(robot, "#broker-url-field").write("http://example.com");
            await().atMost(WAIT).until(() -> AppWindow.text(robot, "#url-status").contains("must use https"));

            robot.interact(() -> UiThread.lookup(robot, "#broker-url-field").queryTextInputControl().clear());
            UiThread.click(robot, "#broker-url-field").write("http://127.0.0.1:1");
            await().atMost(WAIT).until(() -> AppWindow.text(robot, "#url-status").startsWith("Cannot reach the broker"));

            robot.interact(() -> UiThread.lookup(robot, "#broker-url-field").queryTextInputControl().clear());
            UiThread.click(robot, "#broker-url-field").write(broker.url().toString());
            await().atMost(WAIT).until(() -> AppWindow.text(robot, "#url-status").startsWith("Found a Latchkey broker"));
            UiThread.click(robot, "#connect");
            await().atMost(WAIT).until(() -> !AppWindow.text(robot, "#user-code").isEmpty());
            assertThat(UiThread.lookup(robot, "#demo-hint").tryQuery()).isEmpty();
            assertThat(AppWindow.text(robot, "#status")).isEqualTo("Broker at " + broker.url());
        }
    }

    @Test
    void cancelledAndDeclinedSignInsSaySoAndOfferARetry(FxRobot robot) throws Exception {
        try (BrokerProcess broker = DevBroker.start("--dev-poll-interval=1s")) {
            open(robot, new LaunchOptions(LaunchOptions.Mode.BROKER, Optional.of(broker.url()), Optional.empty()));
            await().atMost(WAIT).until(() -> !AppWindow.text(robot, "#user-code").isEmpty());
            UiThread.click(robot, "#cancel-signin");
            await().atMost(WAIT).until(() -> AppWindow.text(robot, "#signin-failure").equals("Sign-in cancelled."));

            String first = AppWindow.text(robot, "#user-code");
            UiThread.click(robot, "#retry-signin");
            await().atMost(WAIT).until(() -> Shown.now(robot, "#user-code", Node.class, Node::isVisible)
                    && !AppWindow.text(robot, "#user-code").equals(first));
            DevSignIn.deny(broker.url(), AppWindow.text(robot, "#user-code"));
            await().atMost(WAIT).until(() -> AppWindow.text(robot, "#signin-failure").startsWith("Sign-in was declined"));
            assertThat(UiThread.lookup(robot, "#retry-signin").query().isVisible()).isTrue();
        }
    }

    @Test
    void theThemeSwitchesBetweenLightAndDark(FxRobot robot) throws Exception {
        open(robot, new LaunchOptions(LaunchOptions.Mode.WELCOME, Optional.empty(), Optional.of("light")));
        assertThat(app.parts().window().theme()).isEqualTo(Theme.LIGHT);
        UiThread.click(robot, "#theme-switch");
        assertThat(app.parts().window().theme()).isEqualTo(Theme.DARK);
        assertThat(app.parts().window().stage().getScene().getRoot().getStyleClass()).contains("theme-dark");
        assertThat(app.parts().window().stage().getIcons()).as("the window and taskbar use the app icon").hasSize(7)
                .allSatisfy(i -> assertThat(i.isError()).isFalse());
    }

    @Test
    void withoutATrayTheWindowSaysOnceWhy(FxRobot robot) throws Exception {
        open(robot, new LaunchOptions(LaunchOptions.Mode.WELCOME, Optional.empty(), Optional.empty()));
        if (!TraySupport.isSupported()) {
            await().atMost(WAIT).until(() -> app.parts().banner().notices().stream()
                    .filter(n -> n.key().equals(TraySupport.NO_TRAY_KEY)).count() == 1);
            assertThat(UiThread.lookup(robot, "#notice-no-tray").tryQuery()).isPresent();
        }
    }

    @Test
    void whereTheDesktopHostsStatusNotifierItemsTheAppPutsOneThereShowingSignedOut(FxRobot robot) throws Exception {
        try (TrayWatcher watcher = TrayWatcher.start(true);
             DBusConnection panel = DBusConnectionBuilder.forSessionBus().withShared(false).build()) {
            open(robot, new LaunchOptions(LaunchOptions.Mode.WELCOME, Optional.empty(), Optional.empty()));
            await().atMost(WAIT).until(() -> watcher.items().size() == 1);
            Properties item = panel.getRemoteObject(watcher.items().getFirst(), StatusNotifierItem.OBJECT_PATH, Properties.class);
            await().atMost(WAIT).until(() -> tip(item).equals(TrayState.SIGNED_OUT.describe()));
            robot.interact(() -> { }); // the tray was set up on the UI thread before the tooltip changed
            assertThat(app.parts().banner().notices()).as("there is a tray, so no notice says there is none")
                    .noneMatch(n -> n.key().equals(TraySupport.NO_TRAY_KEY));
        }
    }

    private static String tip(Properties item) {
        Object tip = item.Get(StatusNotifierItem.INTERFACE, "ToolTip");
        Object[] fields = tip instanceof Object[] a ? a : ((List<?>) tip).toArray();
        return (String) fields[3];
    }
}
