package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.app.notify.NotificationServer;
import dev.latchkey.app.common.BothSizes;
import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.Select;
import dev.latchkey.app.common.Shots;
import dev.latchkey.app.common.Shown;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.TwoGrants;
import dev.latchkey.app.tray.TrayState;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.OnExpiry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The case in the real window under Xvfb, on a test clock shared with a real broker: ada
 * holds 30 minutes on payments/prod/stripe-api-key and 6 on payments/prod/db-url. The browser
 * offers Reveal exactly where a grant covers the secret; db-url's grant warns, counts down and
 * ends on its own in the banner, the desktop notifications, the tray state and the launched
 * app's header and console; its end stays until dismissed.
 *
 * <p>With {@code -Dlatchkey.shots=FOLDER} (and an X screen of at least 1920x1080) it also
 * photographs the warning and ended states at 1024x640 and 1920x1080.
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class PerGrantWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path root;

    private final ManualScheduler scheduler = new ManualScheduler(T0);
    private TwoGrants org;
    private AppComposition app;
    private final TestSessions sessions = TestSessions.inKeychain().withClock(scheduler.clock());
    private Stage stage;
    private NotificationServer notifications;

    @AfterEach
    void close(FxRobot robot) throws Exception {
        AppWindow.close(robot, app, sessions, notifications, org);
    }

    private String notice(String grantId) {
        return app.parts().banner().notices().stream().filter(n -> n.key().equals("grant:" + grantId)).findFirst()
                .map(n -> n.text()).orElse("");
    }



    private static boolean revealOn(FxRobot robot) {
        return !UiThread.lookup(robot, "#reveal").queryAs(Button.class).isDisabled()
                && !UiThread.lookup(robot, "#copy-value").queryAs(Button.class).isDisabled();
    }

    private void advance(FxRobot robot, Duration d) {
        robot.interact(() -> scheduler.advance(d));
    }

    @Test
    void eachGrantOfOneScopeIsReadableWarnsAndEndsOnItsOwn(FxRobot robot) throws Exception {
        org = TwoGrants.start(scheduler);
        // Desktop notifications go over the session bus to a real (recording) notification server.
        notifications = NotificationServer.start();
        sessions.signIn(org.broker.url(), "ada");
        app = AppWindow.open(robot, new AppServices(new FxTaskRunner(), scheduler, BrokerProbe.overHttp(),
                sessions.sessions(), LocalFolders.under(root)), org.broker.url());
        stage = app.parts().window().stage();

        // The browser: Reveal and Copy value exactly where a grant covers the secret.
        Select.scope(robot, "#scope-payments-prod", WAIT);
        Select.secret(robot, "db-url", WAIT);
        assertThat(revealOn(robot)).isTrue();
        Select.secret(robot, "pagerduty-routing-key", WAIT);
        assertThat(revealOn(robot)).as("no grant covers it, though the scope has two").isFalse();
        Select.secret(robot, "stripe-api-key", WAIT);
        assertThat(revealOn(robot)).isTrue();
        assertThat(UiThread.lookup(robot, ".table-cell").match(n -> n instanceof TableCell<?, ?> c
                && "granted until 10:06".equals(c.getText())).tryQuery()).isPresent();

        // db-url's grant warns at once (6 minutes is within the 15-minute lead time); stripe's says nothing yet.
        await().atMost(WAIT).until(() -> notice(org.dbGrant).startsWith("Your access to payments/prod/db-url ends in 6 min"));
        assertThat(notice(org.stripeGrant)).isEmpty();
        assertThat(app.tray().state()).isEqualTo(TrayState.WARNING);

        // A launch with both: its countdown follows db-url, not the scope or stripe's longer grant.
        Map<String, EnvValue> vars = new LinkedHashMap<>();
        vars.put("DB_URL", new EnvValue.Reference(SecretRef.parse("latchkey://payments/prod/db-url")));
        vars.put("STRIPE_KEY", new EnvValue.Reference(SecretRef.parse("latchkey://payments/prod/stripe-api-key")));
        LaunchProfile api = new LaunchProfile("payments-api", List.of("sh", "-c", "echo ready; while :; do sleep 0.05; done"),
                Optional.empty(), List.of(), vars, Map.of(), true, false, OnExpiry.WARN);
        UiThread.click(robot, "#nav-launcher");
        // Saved first, as a person would: the list beside the console shows it.
        robot.interact(() -> app.sessions().signedIn().orElseThrow().launcher().save(api, Optional.empty(), () -> { }));
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#profile-payments-api").tryQuery().isPresent());
        robot.interact(() -> app.sessions().signedIn().orElseThrow().launcher().launchSelected());
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#app-countdown")
                .equals("Access to payments/prod/db-url ends in 6 min (at 10:06)."));

        // The launch's detail pane: what it was given, which grant covers each, until when.
        await().atMost(WAIT).until(() -> !AppWindow.text(robot, "#launch-detail-pid").isEmpty());
        assertThat(AppWindow.text(robot, "#launch-detail-name")).isEqualTo("payments-api");
        assertThat(AppWindow.text(robot, "#launch-detail-command")).isEqualTo("sh -c 'echo ready; while :; do sleep 0.05; done'");
        assertThat(AppWindow.text(robot, "#launch-detail-state")).isEqualTo("running");
        assertThat(AppWindow.text(robot, "#launch-detail-references"))
                .isEqualTo("payments/prod/db-url\npayments/prod/stripe-api-key");
        assertThat(AppWindow.text(robot, "#launch-detail-covered")).isEqualTo(
                "access to payments/prod/db-url\nends 10:06, in 6 min\ngrant " + org.dbGrant + "\n\n"
                + "access to payments/prod/stripe-api-key\nends 10:30, in 30 min\ngrant " + org.stripeGrant);
        assertThat(AppWindow.text(robot, "#launch-detail-started")).isEqualTo("10:00:00");
        assertThat(AppWindow.text(robot, "#launch-detail-pid")).matches("\\d+");
        assertThat(UiThread.lookup(robot, "#stop-app").queryButton().isDisabled()).isFalse();
        assertThat(UiThread.lookup(robot, "#extend-app").query().isVisible()).isTrue();
        assertThat(UiThread.lookup(robot, "#launch-when-approved").query().isVisible()).as("nothing was refused").isFalse();
        await().atMost(WAIT).until(() -> Shown.now(robot, "#app-countdown", Node.class,
                n -> n.getStyleClass().contains("countdown-warning")));

        advance(robot, Duration.ofMinutes(1));
        assertThat(notice(org.dbGrant)).startsWith("Your access to payments/prod/db-url ends in 5 min (at 10:06)");
        assertThat(AppWindow.text(robot, "#app-countdown")).isEqualTo("Access to payments/prod/db-url ends in 5 min (at 10:06).");
        await().atMost(WAIT).until(() -> console(robot).contains("» latchkey: access to payments/prod/db-url ends in 5m"));
        await().atMost(WAIT).until(() -> notifications.allText().contains(
                "Your access to payments/prod/db-url ends in 5 min (at 10:06). Finish up, or ask for more time."));
        shoot(robot, "expiry-warning");

        advance(robot, Duration.ofMinutes(3));
        assertThat(notice(org.dbGrant)).as("the banner counts down").startsWith("Your access to payments/prod/db-url ends in 2 min");
        advance(robot, Duration.ofMinutes(2));

        // The end: said in the banner, the notifications, the app's header and console; the tray shows it.
        assertThat(notice(org.dbGrant)).isEqualTo("Your access to payments/prod/db-url ended at 10:06. "
                + "Request access again to keep working with it.");
        assertThat(app.tray().state()).isEqualTo(TrayState.EXPIRED);
        await().atMost(WAIT).until(() -> notifications.allText().contains("Your access to payments/prod/db-url ended at 10:06."));
        await().atMost(WAIT).until(() -> console(robot).contains(
                "» latchkey: access to payments/prod/db-url has ended; the program keeps running without working credentials"));
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#app-countdown").startsWith(
                "Access to payments/prod/db-url ended at 10:06 — the app runs on without it. "
                        + "Access to payments/prod/stripe-api-key ends in 24 min"));
        assertThat(UiThread.lookup(robot, "#app-countdown").query().getStyleClass()).contains("countdown-ended");
        assertThat(AppWindow.text(robot, "#launch-detail-covered")).isEqualTo(
                "access to payments/prod/db-url\nended at 10:06\ngrant " + org.dbGrant + "\n\n"
                + "access to payments/prod/stripe-api-key\nends 10:30, in 24 min\ngrant " + org.stripeGrant);
        BothSizes.check(robot, stage, "launch-detail");
        shoot(robot, "expiry-ended-launcher");

        // The broker announces the end and no longer lists the grant: the end stays until dismissed.
        await().atMost(WAIT).until(() -> app.sessions().signedIn().orElseThrow().browser().grants().stream().map(Grant::id).toList()
                .equals(List.of(org.stripeGrant)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(notice(org.dbGrant)).startsWith("Your access to payments/prod/db-url ended at 10:06.");
        assertThat(app.tray().state()).isEqualTo(TrayState.EXPIRED);
        UiThread.click(robot, "#nav-secrets");
        Select.secret(robot, "db-url", WAIT);
        assertThat(revealOn(robot)).as("db-url's grant has ended").isFalse();
        Select.secret(robot, "stripe-api-key", WAIT);
        assertThat(revealOn(robot)).isTrue();
        shoot(robot, "expiry-ended-browser");

        UiThread.click(robot, "#dismiss-grant-" + org.dbGrant);
        assertThat(notice(org.dbGrant)).isEmpty();
        assertThat(app.tray().state()).as("stripe's grant has 24 minutes left").isEqualTo(TrayState.OK);
        assertThat(notifications.allText()).as("notifications carry names, never values")
                .doesNotContain("postgresql://").doesNotContain("sk_live_");

        // Stop, from the launch's detail pane: the pane says how it ended and keeps the pid.
        UiThread.click(robot, "#nav-launcher");
        String pid = AppWindow.text(robot, "#launch-detail-pid");
        UiThread.click(robot, "#stop-app");
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#launch-detail-exit").startsWith("exited with code "));
        assertThat(AppWindow.text(robot, "#launch-detail-pid")).isEqualTo(pid);
        assertThat(UiThread.lookup(robot, "#stop-app").queryButton().isDisabled()).isTrue();
        assertThat(UiThread.lookup(robot, "#extend-app").query().isVisible()).as("nothing to extend once it ended").isFalse();
    }


    private static String console(FxRobot robot) {
        return UiThread.lookup(robot, "#console-payments-api").tryQueryAs(TextArea.class).map(TextArea::getText).orElse("");
    }

    private void shoot(FxRobot robot, String name) throws Exception {
        Shots.take(robot, stage, name);
    }
}
