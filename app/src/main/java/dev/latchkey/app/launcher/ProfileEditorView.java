package dev.latchkey.app.launcher;

import dev.latchkey.app.common.FieldCaption;
import dev.latchkey.app.common.Placeholder;
import dev.latchkey.app.common.ReadingWidth;
import dev.latchkey.app.common.Screen;
import dev.latchkey.core.launch.profile.OnExpiry;
import dev.latchkey.grammar.Durations;
import java.io.File;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

/** The form that adds or edits a saved launch profile. */
public final class ProfileEditorView implements Screen {

    private final Node root;
    private final TextField name = new TextField();

    /** @param close returns to the launcher (after a save, or on cancel) */
    public ProfileEditorView(ProfileEditorViewModel model, Runnable close) {
        Label heading = new Label(model.editing() ? "Edit profile" : "New profile");
        heading.getStyleClass().add("title");
        name.setId("profile-name");
        name.setPromptText("payments-api");
        name.textProperty().bindBidirectional(model.nameProperty());
        TextField command = field("profile-command", "npm", model.commandProperty());
        TextField args = field("profile-args", "run dev   (quote as in a shell: -c 'echo $DB_URL')", model.argsProperty());
        TextField folder = field("profile-folder", "your home folder", model.workingFolderProperty());
        Button browse = new Button("_Browse …");
        browse.setId("browse-folder");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Working folder");
            File f = chooser.showDialog(browse.getScene().getWindow());
            if (f != null) {
                model.workingFolderProperty().set(f.getAbsolutePath());
            }
        });
        HBox.setHgrow(folder, Priority.ALWAYS);
        CheckBox mask = new CheckBox("_Mask values in the output (recommended)");
        mask.setId("profile-mask");
        mask.selectedProperty().bindBidirectional(model.maskProperty());
        CheckBox pristine = new CheckBox("Pass only a minimal environment (pr_istine)");
        pristine.setId("profile-pristine");
        pristine.selectedProperty().bindBidirectional(model.pristineProperty());
        ChoiceBox<OnExpiry> onExpiry = new ChoiceBox<>();
        onExpiry.setId("profile-on-expiry");
        onExpiry.getItems().setAll(OnExpiry.values());
        onExpiry.setConverter(new StringConverter<>() {
            @Override
            public String toString(OnExpiry o) {
                return o == null ? "" : switch (o) {
                    case WARN -> "Warn and keep running";
                    case RESTART -> "Restart with fresh credentials";
                    case STOP -> "Stop the app";
                };
            }

            @Override
            public OnExpiry fromString(String s) {
                return OnExpiry.parse(s);
            }
        });
        onExpiry.valueProperty().bindBidirectional(model.onExpiryProperty());

        ListView<ProfileEditorViewModel.EnvBinding> env = new ListView<>(model.env());
        env.setId("profile-env");
        env.setPrefHeight(110);
        env.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ProfileEditorViewModel.EnvBinding b, boolean empty) {
                super.updateItem(b, empty);
                setText(empty || b == null ? null : b.variable() + " = " + b.ref());
            }
        });
        env.setPlaceholder(Placeholder.of("No variables yet."));
        TextField var = field("new-variable", "DB_URL", model.newVariableProperty());
        var.setPrefColumnCount(12);
        ComboBox<String> ref = new ComboBox<>(model.knownRefs());
        ref.setId("new-ref");
        ref.setEditable(true);
        ref.setPromptText("latchkey://team/env/name");
        ref.setMaxWidth(Double.MAX_VALUE);
        ref.getEditor().textProperty().bindBidirectional(model.newRefProperty());
        HBox.setHgrow(ref, Priority.ALWAYS);
        Button addVar = new Button("_Add variable");
        addVar.setId("add-variable");
        addVar.setOnAction(e -> model.addVariable());
        Button removeVar = new Button("Remove");
        removeVar.setId("remove-variable");
        removeVar.disableProperty().bind(env.getSelectionModel().selectedItemProperty().isNull());
        removeVar.setOnAction(e -> model.env().remove(env.getSelectionModel().getSelectedItem()));

        ListView<ProfileEditorViewModel.SandboxBinding> sandboxes = new ListView<>(model.sandboxes());
        sandboxes.setId("profile-sandboxes");
        sandboxes.setPrefHeight(70);
        sandboxes.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ProfileEditorViewModel.SandboxBinding b, boolean empty) {
                super.updateItem(b, empty);
                setText(empty || b == null ? null
                        : b.variable() + " = token for " + b.sandbox() + ", " + Durations.format(b.ttl()));
            }
        });
        sandboxes.setPlaceholder(Placeholder.of("No sandbox tokens."));
        TextField sbVar = field("new-sandbox-variable", "STRIPE_TOKEN", model.newSandboxVariableProperty());
        sbVar.setPrefColumnCount(12);
        TextField sbName = field("new-sandbox", "payments-sandbox", model.newSandboxProperty());
        TextField sbTtl = field("new-sandbox-ttl", "15m", model.newSandboxTtlProperty());
        sbTtl.setPrefColumnCount(5);
        HBox.setHgrow(sbName, Priority.ALWAYS);
        Button addSb = new Button("Add toke_n");
        addSb.setId("add-sandbox");
        addSb.setOnAction(e -> model.addSandbox());
        Button removeSb = new Button("Remove");
        removeSb.disableProperty().bind(sandboxes.getSelectionModel().selectedItemProperty().isNull());
        removeSb.setOnAction(e -> model.sandboxes().remove(sandboxes.getSelectionModel().getSelectedItem()));

        GridPane grid = new GridPane(14, 10);
        grid.addRow(0, FieldCaption.of("Name"), name);
        grid.addRow(1, FieldCaption.of("Program"), command);
        grid.addRow(2, FieldCaption.of("Arguments"), args);
        grid.addRow(3, FieldCaption.of("Working folder"), new HBox(8, folder, browse));
        grid.addRow(4, FieldCaption.of("Variables"), new VBox(6, env,
                new HBox(8, var, new Label("="), ref, addVar, removeVar)));
        grid.addRow(5, FieldCaption.of("Sandbox tokens"), new VBox(6, sandboxes,
                new HBox(8, sbVar, new Label("="), sbName, sbTtl, addSb, removeSb)));
        grid.addRow(6, FieldCaption.of("Output"), mask);
        grid.addRow(7, FieldCaption.of("Environment"), pristine);
        grid.addRow(8, FieldCaption.of("On expiry"), onExpiry);
        FieldCaption.name(grid);
        GridPane.setHgrow(name, Priority.ALWAYS);

        Label error = new Label();
        error.setId("profile-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        Button save = new Button("Save pro_file");
        save.setId("save-profile");
        save.setDefaultButton(true);
        save.getStyleClass().add(atlantafx.base.theme.Styles.ACCENT);
        save.setOnAction(e -> model.save());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-profile");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close.run());
        HBox actions = new HBox(10, save, cancel);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Variables hold references only; values are fetched at launch and never written to a file.");
        hint.getStyleClass().add("subtle");
        hint.setWrapText(true);
        VBox page = new VBox(16, heading, hint, grid, error, actions);
        page.setPadding(new Insets(24));
        page.setId("profile-editor");
        page.setMaxWidth(ReadingWidth.FORM + 140);
        root = ReadingWidth.column(page);
    }

    private static TextField field(String id, String prompt, StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Node initialFocus() {
        return name;
    }

    @Override
    public String title() {
        return "Launch profile";
    }

    @Override
    public String navId() {
        return "nav-launcher";
    }
}
