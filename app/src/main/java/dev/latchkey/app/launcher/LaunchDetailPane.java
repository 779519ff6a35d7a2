package dev.latchkey.app.launcher;

import atlantafx.base.theme.Styles;
import dev.latchkey.app.common.AccessNeed;
import dev.latchkey.app.common.DetailPane;
import dev.latchkey.app.common.TimeLeft;
import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.launch.profile.LaunchProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The launched app shown in the console, in full: its command and profile, the references it was
 * given, the grants and sandbox tokens that cover them with their ends, when it started, its pid
 * and how it ended; and what can be done (Stop, Extend access, Request access and launch).
 */
final class LaunchDetailPane extends DetailPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Label name = title("launch-detail-name");
    private final Label command = reference("launch-detail-command");
    private final Label state = chip("launch-detail-state");
    private final Label references = value("launch-detail-references");
    private final Label covered = value("launch-detail-covered");
    private final Label started = value("launch-detail-started");
    private final Label pid = value("launch-detail-pid");
    private final Label exit = value("launch-detail-exit");
    private final Button stop = button("St_op", "stop-app");
    private final Button more = button("E_xtend access", "extend-app");
    private final Button whenApproved = button("_Request access and launch …", "launch-when-approved");
    private final InvalidationListener redraw = o -> update();
    private RunningApp app;

    /**
     * @param extend opens the extension of a grant, by id
     * @param requestThenLaunch opens the request form for what a refused launch lacked, launching on approval
     */
    LaunchDetailPane(ReadOnlyObjectProperty<RunningApp> shown, Consumer<String> extend,
                     BiConsumer<LaunchProfile, AccessNeed> requestThenLaunch) {
        super("launch-detail", "Launch a profile to see here what it was given and until when.");
        stop.getStyleClass().add(Styles.DANGER);
        stop.setGraphic(FontIcon.of(Feather.SQUARE, 14));
        stop.setOnAction(e -> app.stop());
        more.setTooltip(new Tooltip("Ask for more time on the grant that ends first among this app's"));
        more.setOnAction(e -> app.grantToExtend().ifPresent(extend));
        whenApproved.getStyleClass().add(Styles.ACCENT);
        whenApproved.setWrapText(true);
        whenApproved.setTooltip(new Tooltip("Opens the request form with what this launch lacked ticked; "
                + "the app launches as soon as the request is approved"));
        whenApproved.setOnAction(e -> LauncherView.requestable(app.stateProperty().get())
                .ifPresent(need -> requestThenLaunch.accept(app.profile(), need)));
        // The actions right under the state, in view without scrolling; the facts below.
        VBox facts = new VBox(8, fact("Command", command), fact("References", references), fact("Covered by", covered),
                row(fact("Started", started), optionalFact("Process id", pid)), optionalFact("How it ended", exit));
        setContent(name, fact("State", state), actions(whenApproved, more, stop), facts);
        filledProperty().bind(shown.isNotNull());
        shown.addListener((o, old, now) -> show(now));
        show(shown.get());
    }

    private void show(RunningApp next) {
        if (app != null) {
            app.stateProperty().removeListener(redraw);
            app.countdownProperty().removeListener(redraw);
            app.factsProperty().removeListener(redraw);
        }
        app = next;
        if (app == null) {
            return;
        }
        // The countdown ticks each second while the app runs: the ends follow it.
        app.stateProperty().addListener(redraw);
        app.countdownProperty().addListener(redraw);
        app.factsProperty().addListener(redraw);
        stop.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !(next.stateProperty().get() instanceof RunningApp.State.Running), next.stateProperty()));
        update();
    }

    private void update() {
        if (app == null) {
            return;
        }
        Clock clock = app.clock();
        RunningApp.State s = app.stateProperty().get();
        RunFacts facts = app.factsProperty().get();
        name.setText(app.profile().name());
        command.setText(ArgsText.join(app.profile().command()));
        state.setText(LauncherView.describe(s));
        chipKind(state, switch (s) {
            case RunningApp.State.Starting x -> "pending";
            case RunningApp.State.Running x -> "granted";
            case RunningApp.State.Exited x -> "none";
            case RunningApp.State.Refused x -> "not-granted";
            case RunningApp.State.Failed x -> "denied";
        });
        // One per line, without the "latchkey://" every one of them starts with: the pane is narrow.
        List<String> given = facts.references().stream().map(r -> r.scope() + "/" + r.name()).toList();
        List<String> tokens = app.profile().sandboxes().entrySet().stream()
                .map(e -> "sandbox token " + e.getKey() + " (" + e.getValue().sandbox() + ")").toList();
        references.setText(given.isEmpty() && tokens.isEmpty() ? (facts.startedAt().isEmpty() ? "not given yet" : "none")
                : String.join("\n", concat(given, tokens)));
        covered.setText(app.deadlines().isEmpty()
                ? (facts.startedAt().isEmpty() ? "nothing yet" : "standing access: nothing it was given expires")
                : String.join("\n\n", app.deadlines().stream().map(d -> end(d, clock)).toList()));
        started.setText(facts.startedAt().map(t -> SECONDS.format(t.atZone(clock.getZone()))).orElse("not started"));
        pid.setText(facts.pid().isPresent() ? Long.toString(facts.pid().getAsLong()) : "");
        exit.setText(switch (s) {
            case RunningApp.State.Exited x -> "exited with code " + x.exitCode();
            case RunningApp.State.Refused x -> "not started: access needed";
            case RunningApp.State.Failed x -> x.why();
            default -> "";
        });
        whenApproved.setVisible(LauncherView.requestable(s).isPresent());
        more.setVisible(app.grantToExtend().isPresent());
    }

    /**
     * What ends, then when, then the grant's id, a line each (a narrow pane would cut a long line
     * anywhere): "access to payments/prod/db-url", "ends 10:06, in 6 min" or "ended at 10:06", "grant g_1".
     */
    private String end(Expiring item, Clock clock) {
        String at = TIME.format(item.endsAt().atZone(clock.getZone()));
        String when = app.hasEnded(item) || !clock.instant().isBefore(item.endsAt()) ? "ended at " + at
                : "ends " + at + ", in " + TimeLeft.words(Duration.between(clock.instant(), item.endsAt()));
        return item.label() + "\n" + when + item.grantId().map(g -> "\ngrant " + g).orElse("");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Button button(String text, String id) {
        Button b = new Button(text);
        b.setId(id);
        return b;
    }
}
