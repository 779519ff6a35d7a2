package dev.latchkey.app.launcher;

import atlantafx.base.theme.Styles;
import dev.latchkey.app.common.AccessNeed;
import dev.latchkey.app.common.Placeholder;
import dev.latchkey.app.common.Screen;
import dev.latchkey.app.common.Shortcuts;
import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.profile.LaunchProfile;
import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Profiles on the left (saved and from a project); the launched apps' consoles on the right. */
public final class LauncherView implements Screen {

    private final LauncherViewModel model;
    private final SplitPane root;
    private final ListView<ProfileEntry> list = new ListView<>();
    private final TabPane consoles = new TabPane();
    private final Map<RunningApp, Tab> tabs = new HashMap<>();

    private final BiConsumer<LaunchProfile, AccessNeed> requestThenLaunch;
    private Consumer<String> extend = scope -> { };

    /**
     * @param edit opens the editor for a saved profile, or for a new one when given null
     * @param requestThenLaunch opens the request form for a scope the profile lacks (the missing
     *     secrets ticked), launching the profile on approval
     */
    public LauncherView(LauncherViewModel model, Consumer<ProfileEntry> edit,
                        BiConsumer<LaunchProfile, AccessNeed> requestThenLaunch) {
        this.model = model;
        this.requestThenLaunch = requestThenLaunch;
        Label heading = new Label("Launch profiles");
        heading.getStyleClass().add("card-title");
        list.setId("profiles");
        list.setAccessibleText("Launch profiles");
        list.setItems(model.profiles());
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ProfileEntry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : e.label());
                setId(empty || e == null ? null : "profile-" + e.profile().name());
            }
        });
        list.setPlaceholder(Placeholder.of("No profiles yet. Create one, or open a project folder with a latchkey.toml."));
        list.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((o, old, now) -> {
            if (now != null && list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        if (model.selectedProperty().get() != null) {
            list.getSelectionModel().select(model.selectedProperty().get());
        }
        VBox.setVgrow(list, Priority.ALWAYS);
        var selected = model.selectedProperty();
        Button launch = button("_Launch", "launch", model::launchSelected);
        launch.setDefaultButton(false);
        launch.setTooltip(new Tooltip("Launch the selected profile (Ctrl+L)"));
        launch.disableProperty().bind(selected.isNull());
        launch.getStyleClass().add(Styles.ACCENT);
        launch.setGraphic(FontIcon.of(Feather.PLAY, 14));
        Button add = button("_New profile", "new-profile", () -> edit.accept(null));
        Button change = button("_Edit", "edit-profile", () -> edit.accept(selected.get()));
        change.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.get() == null || !selected.get().editable(), selected));
        Button remove = button("Re_move", "remove-profile", () -> model.remove(selected.get()));
        remove.disableProperty().bind(change.disableProperty());
        remove.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
        Button open = button("Open project _folder …", "open-project", this::chooseProject);
        Label project = new Label();
        project.setId("project-file");
        project.getStyleClass().add("subtle");
        project.setWrapText(true);
        project.textProperty().bind(Bindings.createStringBinding(
                () -> model.projectProperty().get().isEmpty() ? "" : "Project: " + model.projectProperty().get(),
                model.projectProperty()));
        Label message = new Label();
        message.setId("launcher-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        FlowPane edits = new FlowPane(6, 6, add, change, remove);
        VBox left = new VBox(10, heading, list, launch, edits, open, project, message);
        left.setPadding(new Insets(12));
        left.setMinWidth(260);

        consoles.setId("consoles");
        consoles.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Label none = new Label("Launched apps appear here, each with its console.");
        none.getStyleClass().add("subtle");
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
        VBox right = new VBox(8, appHeader(), consoles, none);
        none.visibleProperty().bind(Bindings.isEmpty(model.apps()));
        none.managedProperty().bind(none.visibleProperty());
        consoles.visibleProperty().bind(none.visibleProperty().not());
        VBox.setVgrow(consoles, Priority.ALWAYS);
        right.setPadding(new Insets(12));
        root = new SplitPane(left, right);
        root.setDividerPositions(0.3);
        root.setId("launcher");
    }

    /** The shown app's name, state, countdown, and its stop / restart / close actions. */
    private Node appHeader() {
        Label name = new Label();
        name.getStyleClass().add("card-title");
        Label state = new Label();
        state.setId("app-state");
        Label countdown = new Label();
        countdown.setId("app-countdown");
        countdown.getStyleClass().add("subtle");
        countdown.setWrapText(true);
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
        Button stop = button("St_op", "stop-app", () -> shown().stop());
        Button restart = button("Rest_art", "restart-app", () -> shown().restart());
        Button close = button("_Close console", "close-console", () -> model.close(shown()));
        Button whenApproved = button("_Request access and launch …", "launch-when-approved", () ->
                requestable(shown().stateProperty().get()).ifPresent(need -> requestThenLaunch.accept(shown().profile(), need)));
        whenApproved.getStyleClass().add(Styles.ACCENT);
        whenApproved.setTooltip(new Tooltip("Opens the request form with what this launch lacked ticked; "
                + "the app launches as soon as the request is approved"));
        Button more = button("E_xtend access", "extend-app", () -> shown().grantToExtend().ifPresent(extend));
        more.setTooltip(new Tooltip("Ask for more time on the grant that ends first among this app's"));
        stop.getStyleClass().add(Styles.DANGER);
        HBox title = new HBox(10, name, state);
        title.setAlignment(Pos.CENTER_LEFT);
        // Actions wrap to a second line in a narrow window rather than shrinking to "…".
        FlowPane actions = new FlowPane(8, 6, whenApproved, more, stop, restart, close);
        actions.setAlignment(Pos.CENTER_RIGHT);
        HBox.setHgrow(actions, Priority.ALWAYS);
        HBox bar = new HBox(10, title, actions);
        bar.setAlignment(Pos.CENTER_LEFT);
        // The countdown on a line of its own: it names what ends ("Access to payments/prod/db-url ends in 5:00").
        VBox header = new VBox(6, bar, countdown);
        countdown.setMaxWidth(Double.MAX_VALUE);
        Runnable update = () -> {
            RunningApp app = model.shownAppProperty().get();
            header.setVisible(app != null);
            header.setManaged(app != null);
            state.textProperty().unbind();
            countdown.textProperty().unbind();
            alert.unbind();
            if (app == null) {
                return;
            }
            name.setText(app.profile().name());
            state.textProperty().bind(Bindings.createStringBinding(() -> describe(app.stateProperty().get()), app.stateProperty()));
            countdown.textProperty().bind(app.countdownProperty());
            alert.bind(app.alertProperty());
            stop.disableProperty().bind(Bindings.createBooleanBinding(
                    () -> !(app.stateProperty().get() instanceof RunningApp.State.Running), app.stateProperty()));
            restart.disableProperty().bind(Bindings.createBooleanBinding(
                    () -> app.stateProperty().get() instanceof RunningApp.State.Starting, app.stateProperty()));
            whenApproved.visibleProperty().bind(Bindings.createBooleanBinding(
                    () -> requestable(app.stateProperty().get()).isPresent(), app.stateProperty()));
            whenApproved.managedProperty().bind(whenApproved.visibleProperty());
            more.visibleProperty().bind(Bindings.createBooleanBinding(
                    () -> app.grantToExtend().isPresent(), app.stateProperty(), app.countdownProperty()));
            more.managedProperty().bind(more.visibleProperty());
        };
        model.shownAppProperty().addListener((o, old, now) -> update.run());
        update.run();
        return header;
    }

    private RunningApp shown() {
        return model.shownAppProperty().get();
    }

    /** The first scope a refused launch could get by requesting it, with the secrets it lacked there. */
    static Optional<AccessNeed> requestable(RunningApp.State s) {
        if (!(s instanceof RunningApp.State.Refused r)) {
            return Optional.empty();
        }
        List<SecretRef> needed = r.refused().stream()
                .filter(x -> x.why() == RefusedRef.Why.REQUEST_NEEDED).map(x -> x.ref()).toList();
        return needed.stream().findFirst().map(first -> new AccessNeed(first.scope(), needed.stream()
                .filter(ref -> ref.scope().equals(first.scope())).map(SecretRef::name)
                .distinct().toList()));
    }

    static String describe(RunningApp.State s) {
        return switch (s) {
            case RunningApp.State.Starting x -> "starting …";
            case RunningApp.State.Running x -> "running";
            case RunningApp.State.Exited x -> "exited (" + x.exitCode() + ")";
            case RunningApp.State.Refused x -> "not started: access needed";
            case RunningApp.State.Failed x -> "could not start";
        };
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

    private void chooseProject() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a project folder with a latchkey.toml");
        File folder = chooser.showDialog(root.getScene().getWindow());
        if (folder != null) {
            model.openProject(folder.toPath());
        }
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** What "Extend access" does with the id of the grant that ends first (opens its extension). */
    public void onExtend(Consumer<String> action) {
        extend = action;
    }

    /** Ctrl/Cmd+L launches the selected profile. */
    public Map<KeyCombination, Runnable> shortcuts() {
        return Map.of(Shortcuts.LAUNCH, model::launchSelected);
    }

    public LauncherViewModel model() {
        return model;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Node initialFocus() {
        return list;
    }

    @Override
    public String title() {
        return "Launcher";
    }

    @Override
    public String navId() {
        return "nav-launcher";
    }
}
