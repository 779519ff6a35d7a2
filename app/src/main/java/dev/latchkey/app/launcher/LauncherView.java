package dev.latchkey.app.launcher;

import atlantafx.base.theme.Styles;
import dev.latchkey.app.common.AccessNeed;
import dev.latchkey.app.common.Placeholder;
import dev.latchkey.app.common.Screen;
import dev.latchkey.app.common.Shortcuts;
import dev.latchkey.app.common.SideWidths;
import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.profile.LaunchProfile;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Profiles on the left (saved and from a project); the launched apps' consoles in the middle; the
 * shown app's detail pane (what it was given, until when; Stop, Extend, Request) on the right.
 */
public final class LauncherView implements Screen {

    private final LauncherViewModel model;
    private final SplitPane root;
    private final ListView<ProfileEntry> list = new ListView<>();
    private Consumer<String> extend = grantId -> { };

    /**
     * @param edit opens the editor for a saved profile, or for a new one when given null
     * @param requestThenLaunch opens the request form for a scope the profile lacks (the missing
     *     secrets ticked), launching the profile on approval
     */
    public LauncherView(LauncherViewModel model, Consumer<ProfileEntry> edit,
                        BiConsumer<LaunchProfile, AccessNeed> requestThenLaunch) {
        this.model = model;
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
                // A long name or project path is cut in a narrow list: the tooltip says it whole.
                setTooltip(empty || e == null ? null : new Tooltip(e.label()));
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

        LaunchDetailPane detail = new LaunchDetailPane(model.shownAppProperty(), grantId -> extend.accept(grantId),
                requestThenLaunch);
        root = new SplitPane(left, new ConsolePane(model), detail.scrolling());
        SideWidths.keep(root, new SideWidths.Side(0.22, 260, 360), new SideWidths.Side(0.2, 250, 380));
        root.setId("launcher");
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
