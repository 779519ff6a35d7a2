package dev.latchkey.app.launcher;

import java.util.HashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The launched apps' consoles, a tab each, under the shown app's name, state and countdown (with
 * Restart and Close console); the shown app's facts and its Stop, Extend and Request are in the
 * {@link LaunchDetailPane} beside it.
 */
final class ConsolePane extends VBox {

    private final LauncherViewModel model;
    private final TabPane consoles = new TabPane();
    private final Map<RunningApp, Tab> tabs = new HashMap<>();

    ConsolePane(LauncherViewModel model) {
        super(8);
        this.model = model;
        consoles.setId("consoles");
        consoles.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Label none = new Label("Launched apps appear here, each with its console.");
        none.getStyleClass().add("subtle");
        none.setWrapText(true);
        model.apps().addListener((ListChangeListener<RunningApp>) c -> syncTabs());
        consoles.getSelectionModel().selectedItemProperty().addListener((o, old, tab) -> {
            if (tab != null) {
                model.shownAppProperty().set((RunningApp) tab.getUserData());
            }
        });
        model.shownAppProperty().addListener((o, old, app) -> {
            Tab t = tabs.get(app);
            if (t != null) {
                consoles.getSelectionModel().select(t);
            }
        });
        getChildren().addAll(appHeader(), consoles, none);
        none.visibleProperty().bind(Bindings.isEmpty(model.apps()));
        none.managedProperty().bind(none.visibleProperty());
        consoles.visibleProperty().bind(none.visibleProperty().not());
        consoles.managedProperty().bind(consoles.visibleProperty()); // else the hint sits below an empty tab pane
        VBox.setVgrow(consoles, Priority.ALWAYS);
        setPadding(new Insets(12));
        setMinWidth(300);
    }

    /** The shown app's name, state, countdown, and its restart / close actions. */
    private Node appHeader() {
        Label name = new Label();
        name.getStyleClass().add("card-title");
        Label state = new Label();
        state.setId("app-state");
        Label countdown = new Label();
        countdown.setId("app-countdown");
        countdown.getStyleClass().add("subtle");
        countdown.setWrapText(true);
        // Said at once on a launch given cached sandbox tokens while the broker was unreachable.
        Label offline = new Label();
        offline.setId("app-offline");
        offline.getStyleClass().add("countdown-warning");
        offline.setWrapText(true);
        offline.visibleProperty().bind(offline.textProperty().isNotEmpty());
        offline.managedProperty().bind(offline.visibleProperty());
        // Warning and ended colours follow the shown app's expiry clock, as reported by core.
        ObjectProperty<LaunchCountdown.Alert> alert = new SimpleObjectProperty<>(LaunchCountdown.Alert.NONE);
        alert.addListener((o, old, now) -> {
            countdown.getStyleClass().removeAll("countdown-warning", "countdown-ended");
            if (now == LaunchCountdown.Alert.WARNING) {
                countdown.getStyleClass().add("countdown-warning");
            } else if (now == LaunchCountdown.Alert.ENDED) {
                countdown.getStyleClass().add("countdown-ended");
            }
        });
        Button restart = button("Rest_art", "restart-app", () -> shown().restart());
        Button close = button("_Close console", "close-console", () -> model.close(shown()));
        HBox title = new HBox(10, name, state);
        title.setAlignment(Pos.CENTER_LEFT);
        // Actions wrap to a second line in a narrow window rather than shrinking to "…".
        FlowPane actions = new FlowPane(8, 6, restart, close);
        actions.setAlignment(Pos.CENTER_RIGHT);
        HBox.setHgrow(actions, Priority.ALWAYS);
        HBox bar = new HBox(10, title, actions);
        bar.setAlignment(Pos.CENTER_LEFT);
        // The countdown on a line of its own: it names what ends ("Access to payments/prod/db-url ends in 5 min").
        VBox header = new VBox(6, bar, offline, countdown);
        countdown.setMaxWidth(Double.MAX_VALUE);
        offline.setMaxWidth(Double.MAX_VALUE);
        Runnable update = () -> {
            RunningApp app = model.shownAppProperty().get();
            header.setVisible(app != null);
            header.setManaged(app != null);
            state.textProperty().unbind();
            countdown.textProperty().unbind();
            offline.textProperty().unbind();
            alert.unbind();
            if (app == null) {
                return;
            }
            name.setText(app.profile().name());
            state.textProperty().bind(Bindings.createStringBinding(
                    () -> LauncherView.describe(app.stateProperty().get()), app.stateProperty()));
            countdown.textProperty().bind(app.countdownProperty());
            offline.textProperty().bind(app.offlineProperty());
            alert.bind(app.alertProperty());
            restart.disableProperty().bind(Bindings.createBooleanBinding(
                    () -> app.stateProperty().get() instanceof RunningApp.State.Starting, app.stateProperty()));
        };
        model.shownAppProperty().addListener((o, old, now) -> update.run());
        update.run();
        return header;
    }

    private RunningApp shown() {
        return model.shownAppProperty().get();
    }

    private void syncTabs() {
        tabs.keySet().removeIf(app -> {
            if (!model.apps().contains(app)) {
                consoles.getTabs().remove(tabs.get(app));
                return true;
            }
            return false;
        });
        for (RunningApp app : model.apps()) {
            tabs.computeIfAbsent(app, a -> {
                TextArea text = new TextArea();
                text.setId("console-" + a.profile().name());
                text.setAccessibleText("Output of " + a.profile().name());
                text.getStyleClass().add("console");
                text.setEditable(false);
                text.setWrapText(true);
                // Follow the output: keep the caret at the end as text arrives.
                a.consoleProperty().addListener((o, old, now) -> {
                    text.setText(now);
                    text.positionCaret(now.length());
                });
                text.setText(a.consoleProperty().get());
                Tab tab = new Tab(a.profile().name(), text);
                tab.setUserData(a);
                consoles.getTabs().add(tab);
                return tab;
            });
        }
        if (shown() != null && tabs.containsKey(shown())) {
            consoles.getSelectionModel().select(tabs.get(shown()));
        }
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
