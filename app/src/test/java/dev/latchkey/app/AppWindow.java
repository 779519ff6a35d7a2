package dev.latchkey.app;

import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.FxScheduler;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real app in the test's window, on a development broker, in the light theme: opened on the
 * sign-in screen (a person then approves the code on the dev IdP's form), or on a broker where the
 * test's sessions already hold someone's sign-in (the app finds the session and opens the signed-in
 * pages, as on a restart with the session in the keychain).
 */
final class AppWindow {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private AppWindow() {
    }

    /** Starts the app on {@code broker} with {@code services}. */
    static AppComposition open(FxRobot robot, AppServices services, URI broker) throws Exception {
        return start(robot, services, onBroker(broker), stage -> { });
    }

    /** Starts the app as {@code options} ask, with {@code services}, in the test's window. */
    static AppComposition start(FxRobot robot, AppServices services, LaunchOptions options) throws Exception {
        return start(robot, services, options, stage -> { });
    }

    /**
     * The app on {@code broker}'s sign-in screen, once its code shows, at 1024x640 in the top-left
     * corner, with folders and sessions of the test's own.
     */
    static AppComposition openOnSignIn(FxRobot robot, URI broker, LocalFolders folders, TestSessions sessions)
            throws Exception {
        AppComposition app = start(robot, new AppServices(new FxTaskRunner(), new FxScheduler(Clock.systemDefaultZone()),
                BrokerProbe.overHttp(), sessions.sessions(), folders), onBroker(broker), stage -> {
                    stage.setX(0);
                    stage.setY(0);
                    stage.setWidth(1024);
                    stage.setHeight(640);
                });
        await().atMost(WAIT).until(() -> !userCode(robot).isEmpty());
        return app;
    }

    /** {@code user} approves the code the window shows, on the dev IdP's form. */
    static void approve(FxRobot robot, URI broker, String user) {
        DevSignIn.approve(broker, userCode(robot), user);
    }

    /** What runs for the person signed in, once the app has opened their session. */
    static SignedInServices signedIn(AppComposition app) {
        await().atMost(WAIT).until(() -> app.sessions().signedIn().isPresent());
        return app.sessions().signedIn().orElseThrow();
    }

    /** Scrolls Settings to its end, where its later sections are at 1024x640, as a person would. */
    static void scrollSettingsToEnd(FxRobot robot) {
        robot.interact(() -> {
            Node n = UiThread.lookup(robot, "#settings").query();
            while (n != null && !(n instanceof ScrollPane)) {
                n = n.getParent();
            }
            ((ScrollPane) n).setVvalue(((ScrollPane) n).getVmax());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The text of the label {@code query} finds, or "" while there is none. */
    static String text(FxRobot robot, String query) {
        return UiThread.lookup(robot, query).tryQueryAs(Label.class).map(Label::getText).orElse("");
    }

    /**
     * Closes {@code app} on the UI thread, then each of {@code parts} in order (sessions before the
     * broker they talk to); every part is closed even when one fails, and the first failure is thrown.
     * The app is closed even when TestFX holds an exception from the UI thread (which {@code interact}
     * would throw instead of closing); {@code UiThreadFailures} reports that one.
     */
    static void close(FxRobot robot, AppComposition app, AutoCloseable... parts) throws Exception {
        Exception failed = null;
        try {
            if (app != null) {
                UiThread.run(app::close);
            }
        } catch (RuntimeException e) {
            failed = e;
        }
        for (AutoCloseable part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** Scrolls Settings until the section {@code query} starts at the top (or as far as it goes), as a person would. */
    static void scrollSettingsTo(FxRobot robot, String query) {
        robot.interact(() -> {
            Node section = UiThread.lookup(robot, query).query();
            Node n = section;
            while (n != null && !(n instanceof ScrollPane)) {
                n = n.getParent();
            }
            ScrollPane pane = (ScrollPane) n;
            Node content = pane.getContent();
            double top = content.sceneToLocal(section.localToScene(0, 0)).getY();
            double room = content.getLayoutBounds().getHeight() - pane.getViewportBounds().getHeight();
            pane.setVvalue(room <= 0 ? 0 : Math.min(1, (top - 16) / room) * pane.getVmax());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Starts the app in the test's window, then {@code place}s the window, in one turn of the UI thread. */
    private static AppComposition start(FxRobot robot, AppServices services, LaunchOptions options,
                                        Consumer<Stage> place) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        AtomicReference<AppComposition> app = new AtomicReference<>();
        robot.interact(() -> {
            app.set(AppComposition.start(stage, services, options, link -> {
                // The tests click no "Open in browser"; were one to, the app says where to go instead.
                throw new UnsupportedOperationException("the tests open no browser");
            }));
            place.accept(stage);
        });
        return app.get();
    }

    /** Connecting to {@code broker} in the light theme. */
    private static LaunchOptions onBroker(URI broker) {
        return new LaunchOptions(LaunchOptions.Mode.BROKER, Optional.of(broker), Optional.of("light"));
    }

    private static String userCode(FxRobot robot) {
        return UiThread.lookup(robot, "#user-code").tryQueryAs(Label.class).map(Label::getText).orElse("");
    }
}
