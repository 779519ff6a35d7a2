package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.access.RequestFormViewModel;
import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.SecondSession;
import dev.latchkey.app.common.Select;
import dev.latchkey.app.common.Shots;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.TimeLeft;
import dev.latchkey.app.common.ToastBounds;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.app.notify.NotificationServer;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.OnExpiry;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Requests end to end in the real window under Xvfb against a dev broker: ada asks for
 * payments/staging (approved at once by staging-short) and payments/prod (pending for
 * payments-leads); grace, signed in from a second session, approves; the decision reaches ada's
 * app over the event stream.
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class AccessWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private BrokerProcess broker;
    private AppComposition app;
    private final TestSessions sessions = TestSessions.inKeychain();
    private NotificationServer notifications;
    // The debounce runs on this scheduler; its clock starts at the broker's real now so grant ends read true.
    private final ManualScheduler scheduler = new ManualScheduler(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @AfterEach
    void close(FxRobot robot) throws Exception {
        AppWindow.close(robot, app, sessions, notifications, broker);
    }

    private static String badge(FxRobot robot, String scope) {
        return UiThread.lookup(robot, "#scope-" + scope.replace('/', '-')).tryQueryAs(javafx.scene.control.Labeled.class)
                .map(l -> l.getGraphic() instanceof Label b ? b.getText() : "").orElse("");
    }

    @SuppressWarnings("unchecked")
    private static TableView<AccessRequest> myRequests(FxRobot robot) {
        return UiThread.lookup(robot, "#my-requests").queryAs(TableView.class);
    }

    private void settle(FxRobot robot, Supplier<Boolean> until) {
        robot.interact(() -> scheduler.advance(RequestFormViewModel.DEBOUNCE));
        await().atMost(WAIT).until(until::get);
    }

    private void request(FxRobot robot, String scope, String duration, String why, String expectedOutcome) {
        UiThread.click(robot, "#nav-secrets");
        String cell = "#scope-" + scope.replace('/', '-');
        // A decision event may redraw the tree's badges right now; wait until the click's selection holds.
        Select.scope(robot, cell, WAIT);
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#request-form").tryQuery().isPresent());
        assertThat(UiThread.lookup(robot, "#request-scope").queryComboBox().getValue()).isEqualTo(scope);
        robot.interact(() -> UiThread.lookup(robot, "#request-duration").queryTextInputControl().setText(duration));
        if (why.length() > 30) {
            robot.interact(() -> UiThread.lookup(robot, "#request-justification").queryTextInputControl().setText(why));
        } else {
            UiThread.click(robot, "#request-justification").write(why);
        }
        settle(robot, () -> AppWindow.text(robot, "#dry-run-outcome").startsWith(expectedOutcome)
                && !UiThread.lookup(robot, "#submit-request").queryAs(Button.class).isDisabled());
        // The form may be taller than the window: focus scrolls the button into view, as Tab would.
        robot.interact(() -> UiThread.lookup(robot, "#submit-request").query().requestFocus());
        UiThread.click(robot, "#submit-request");
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#my-requests").tryQuery().isPresent()
                && myRequests(robot).getItems().stream().anyMatch(r -> r.scope().equals(scope)));
    }

    @Test
    void adaRequestsStagingAndProdAndSeesGracesApprovalArrive(FxRobot robot) throws Exception {
        broker = DevBroker.start("--dev-poll-interval=1s");
        sessions.signIn(broker.url(), "ada");
        // Desktop notifications go over the session bus to a real (recording) notification server.
        notifications = NotificationServer.start();
        app = AppWindow.open(robot, new AppServices(new FxTaskRunner(), scheduler, BrokerProbe.overHttp(),
                sessions.sessions(), LocalFolders.under(root)), broker.url());
        Stage stage = app.parts().window().stage();
        await().atMost(WAIT).until(() -> badge(robot, "payments/staging").startsWith("requestable"));
        assertThat(UiThread.lookup(robot, "#nav-approvals").query().isVisible()).as("ada reviews nothing").isFalse();

        request(robot, "payments/staging", "1h", "PAY-123 webhook retries", "Auto-approved by staging-short");
        AccessRequest staging = myRequests(robot).getItems().getFirst();
        assertThat(staging.state()).isEqualTo(AccessRequest.State.APPROVED);
        UiThread.click(robot, "#nav-secrets");
        await().atMost(WAIT).until(() -> badge(robot, "payments/staging").startsWith("granted until "));

        request(robot, "payments/prod", "30m", "PAY-124 hotfix for the refund bug", "Needs approval by payments-leads");
        AccessRequest prod = myRequests(robot).getItems().getFirst();
        assertThat(prod.scope()).isEqualTo("payments/prod");
        assertThat(prod.state()).isEqualTo(AccessRequest.State.PENDING);
        UiThread.click(robot, "#nav-secrets");
        assertThat(badge(robot, "payments/prod")).startsWith("requestable");
        UiThread.click(robot, "#nav-requests");

        BrokerClient grace = SecondSession.signIn(broker.url(), "grace");
        assertThat(grace.requestsToReview()).extracting(AccessRequest::id).contains(prod.id());
        grace.approve(prod.id(), "LGTM, keep it short");

        // The decision is news: a toast, not a notice that stays.
        await().atMost(WAIT).until(() -> app.parts().toasts().shown().stream()
                .anyMatch(n -> n.key().equals("decision:" + prod.id())));
        assertThat(app.parts().banner().notices()).noneMatch(n -> n.key().startsWith("decision:"));
        double[] before = {stage.getWidth(), stage.getHeight()};
        Shots.resize(robot, stage, 1024, 640);
        List<String> covered = new ArrayList<>();
        robot.interact(() -> covered.addAll(ToastBounds.coveredButtons(stage.getScene())));
        assertThat(covered).as("buttons the decision toast covers on My requests at 1024x640").isEmpty();
        Shots.resize(robot, stage, (int) before[0], (int) before[1]);
        Shots.take(robot, stage, "decision-toast");
        assertThat(app.parts().toasts().shown().stream().filter(n -> n.key().equals("decision:" + prod.id())).findFirst()
                .orElseThrow().text()).isEqualTo("Your request for payments/prod was approved by grace: LGTM, keep it short.");
        await().atMost(WAIT).until(() -> myRequests(robot).getItems().stream()
                .anyMatch(r -> r.id().equals(prod.id()) && r.state() == AccessRequest.State.APPROVED));
        await().atMost(WAIT).until(() -> notifications.allText()
                .contains("Your request for payments/prod was approved by grace: LGTM, keep it short."));
        assertThat(notifications.allText()).as("notifications carry names, never values")
                .doesNotContain("postgresql://").doesNotContain("sk_test_");
        UiThread.click(robot, "#nav-secrets");
        await().atMost(WAIT).until(() -> badge(robot, "payments/prod").startsWith("granted until "));

        // A launch with the staging grant counts down to its end, and the banner warns of the grant 15 minutes before.
        LaunchProfile api = new LaunchProfile("staging-api", List.of("sh", "-c", "echo up; sleep 20"), Optional.empty(),
                List.of(), Map.of("DB_URL", new EnvValue.Reference(SecretRef.parse("latchkey://payments/staging/db-url"))),
                Map.of(), true, false, OnExpiry.WARN);
        UiThread.click(robot, "#nav-launcher");
        robot.interact(() -> app.sessions().signedIn().orElseThrow().launcher().launch(api));
        // The test's clock stands still from the test's start while the broker's runs on, so a little
        // over an hour is left by the test's clock: the countdown says exactly what is left by it.
        Instant end = staging.grant().orElseThrow().endsAt();
        long left = Duration.between(scheduler.clock().instant(), end).toSeconds();
        String at = DateTimeFormatter.ofPattern("HH:mm").format(end.atZone(ZoneOffset.UTC));
        await().atMost(WAIT).until(() -> AppWindow.text(robot, "#app-countdown").equals("Access to payments/staging/db-url ends in "
                + TimeLeft.words(Duration.ofSeconds(left)) + " (at " + at + ")."));
        assertThat(UiThread.lookup(robot, "#extend-app").query().isVisible()).isTrue();
        robot.interact(() -> scheduler.advance(Duration.between(scheduler.clock().instant(), end).minusMinutes(14)));
        assertThat(AppWindow.text(robot, "#app-countdown")).isEqualTo("Access to payments/staging/db-url ends in 14 min (at " + at + ").");
        assertThat(app.parts().banner().notices()).anySatisfy(n -> assertThat(n.text())
                .startsWith("Your access to payments/staging ends in 14 min (at " + at + ")"));
    }
}
