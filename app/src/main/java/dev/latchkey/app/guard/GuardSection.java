package dev.latchkey.app.guard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** The leak guard's part of the settings screen: guarded repositories, and installing in a folder. */
public final class GuardSection {

    private final VBox root;

    public GuardSection(GuardedRepositoriesViewModel model) {
        Label heading = new Label("Leak guard");
        heading.getStyleClass().add("card-title");
        Label about = new Label("Git hooks that stop a commit or push holding a secret you received from Latchkey, "
                + "or anything that looks like a key. Repositories guarded on this computer:");
        about.setWrapText(true);
        ListView<GuardedRepositoriesViewModel.Row> list = new ListView<>(model.rows());
        list.setId("guarded-repositories");
        list.setAccessibleText("Guarded repositories");
        list.setPrefHeight(150);
        list.setPlaceholder(new Label("No repository is guarded yet. Choose one below."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(GuardedRepositoriesViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                Label folder = new Label(row.folder().toString());
                folder.getStyleClass().add("copyable");
                Label state = new Label(row.state());
                state.getStyleClass().add("subtle");
                state.setWrapText(true);
                state.maxWidthProperty().bind(list.widthProperty().subtract(40));
                setGraphic(new VBox(2, folder, state));
            }
        });

        TextField folder = new TextField();
        folder.setId("guard-folder");
        folder.setPromptText("A repository's folder");
        folder.textProperty().bindBidirectional(model.folderProperty());
        folder.setOnAction(e -> model.install());
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button browse = new Button("Choose _folder …");
        browse.setId("guard-browse");
        browse.setOnAction(e -> choose(model, folder));
        Button install = new Button("_Install guard");
        install.setId("guard-install");
        install.disableProperty().bind(model.busyProperty());
        install.setOnAction(e -> model.install());
        Button remove = new Button("Re_move from selected");
        remove.setId("guard-uninstall");
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        remove.setOnAction(e -> model.uninstall(list.getSelectionModel().getSelectedItem()));
        HBox row = new HBox(8, folder, browse, install, remove);
        row.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("guard-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        model.failedProperty().addListener((o, was, failed) -> {
            message.getStyleClass().removeAll("error-text", "subtle");
            message.getStyleClass().add(failed ? "error-text" : "subtle");
        });
        message.getStyleClass().add("subtle");

        root = new VBox(10, heading, about, list, row, message);
        root.setId("guard-section");
        root.setMaxWidth(900);
    }

    private static void choose(GuardedRepositoriesViewModel model, TextField field) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose a git repository to guard");
        String typed = field.getText() == null ? "" : field.getText().strip();
        if (!typed.isEmpty() && Files.isDirectory(Path.of(typed))) {
            chooser.setInitialDirectory(new File(typed));
        }
        File picked = chooser.showDialog(field.getScene().getWindow());
        if (picked != null) {
            model.folderProperty().set(picked.toString());
            model.install();
        }
    }

    public Node root() {
        return root;
    }
}
