package dev.latchkey.app.settings;

import dev.latchkey.app.settings.ConfirmScopesViewModel.Row;
import dev.latchkey.app.settings.ConfirmScopesViewModel.State;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Settings' "Ask before launches": per scope, a check box "Ask before a launch reads it"; scopes
 * whose policy already asks are shown ticked and locked, with the reason beside them.
 */
public final class ConfirmScopesSection {

    private final VBox root;

    public ConfirmScopesSection(ConfirmScopesViewModel model) {
        Label heading = new Label("Ask before launches");
        heading.getStyleClass().add("card-title");
        Label about = new Label("Before a launch reads a scope ticked here, Latchkey shows who is asking and waits for "
                + "Allow or Deny (in the app, or in the terminal without it). Kept on this computer in "
                + model.file() + "; applies to the next launch.");
        about.setId("confirm-scopes-about");
        about.setWrapText(true);

        ListView<Row> list = new ListView<>(model.rows());
        list.setId("confirm-scopes");
        list.setAccessibleText("Scopes that ask before a launch reads them");
        // As tall as its rows (a few more than fit scroll), so three scopes leave no empty box below them.
        list.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.clamp(model.rows().size() * 46.0 + 10, 110, 290), model.rows()));
        list.setFocusTraversable(true);
        list.setPlaceholder(placeholder(model));
        list.setCellFactory(v -> new ScopeCell(model, list));

        Label message = new Label();
        message.setId("confirm-scopes-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().add("subtle");
        model.failedProperty().addListener((o, was, failed) -> {
            message.getStyleClass().removeAll("error-text", "subtle");
            message.getStyleClass().add(failed ? "error-text" : "subtle");
        });
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        Button retry = new Button("Retr_y");
        retry.setId("confirm-scopes-retry");
        retry.setOnAction(e -> model.load());
        retry.visibleProperty().bind(Bindings.createBooleanBinding(() -> switch (model.stateProperty().get()) {
            case OFFLINE, FAILED, FILE_UNREADABLE -> true;
            case LOADING, LOADED -> false;
        }, model.stateProperty()));
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox status = new HBox(12, message, retry);
        status.setAlignment(Pos.CENTER_LEFT);

        root = new VBox(10, heading, about, list, status);
        root.setId("confirm-scopes-section");
        root.setMaxWidth(900);
    }

    public Node root() {
        return root;
    }

    /** What the list shows without rows: loading, nothing visible, or why nothing is listed. */
    private static Node placeholder(ConfirmScopesViewModel model) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(24, 24);
        spinner.setAccessibleText("Loading");
        Label text = new Label();
        text.setId("confirm-scopes-placeholder");
        text.setWrapText(true);
        Runnable update = () -> {
            boolean loading = model.stateProperty().get() == State.LOADING;
            spinner.setVisible(loading);
            spinner.setManaged(loading);
            text.setText(placeholderText(model.stateProperty().get()));
        };
        model.stateProperty().addListener((o, was, now) -> update.run());
        update.run();
        VBox box = new VBox(8, spinner, text);
        box.getStyleClass().add("placeholder");
        box.setAlignment(Pos.CENTER);
        return box;
    }

    static String placeholderText(State state) {
        return switch (state) {
            case LOADING -> "Loading your scopes …";
            case LOADED, FILE_UNREADABLE -> "Your broker shows you no scopes yet.";
            case OFFLINE -> "No scope is marked on this computer. The others show once the broker can be reached.";
            case FAILED -> "Your scopes could not be listed.";
        };
    }

    /** A scope's name (and why it is locked, or a note) with its check box. */
    private static final class ScopeCell extends ListCell<Row> {

        private final ConfirmScopesViewModel model;
        private final ListView<Row> list;

        ScopeCell(ConfirmScopesViewModel model, ListView<Row> list) {
            this.model = model;
            this.list = list;
        }

        @Override
        protected void updateItem(Row row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            Label name = new Label(row.scope());
            name.getStyleClass().add("copyable");
            name.setMinWidth(Region.USE_PREF_SIZE);
            VBox about = new VBox(2, name);
            about.setAlignment(Pos.CENTER_LEFT);
            String note = row.switchable() ? row.note() : row.lockedBecause();
            if (!note.isEmpty()) {
                Label why = new Label(note);
                why.getStyleClass().add("subtle");
                why.setWrapText(true);
                about.getChildren().add(why);
            }
            HBox.setHgrow(about, Priority.ALWAYS);
            about.setMaxWidth(Double.MAX_VALUE);
            CheckBox ask = new CheckBox("Ask before a launch reads it");
            ask.setId("confirm-" + row.scope().replace('/', '-'));
            ask.setAccessibleText("Ask before a launch reads " + row.scope());
            ask.setMinWidth(Region.USE_PREF_SIZE);
            ask.setSelected(row.asked());
            ask.disableProperty().bind(model.busyProperty().or(Bindings.createBooleanBinding(() -> !row.switchable())));
            ask.setOnAction(e -> model.ask(row.scope(), ask.isSelected()));
            HBox line = new HBox(16, about, ask);
            line.setAlignment(Pos.CENTER_LEFT);
            // The cell's width less its padding and the scroll bar: long notes wrap instead of pushing the box out.
            line.maxWidthProperty().bind(list.widthProperty().subtract(36));
            line.prefWidthProperty().bind(list.widthProperty().subtract(36));
            setGraphic(line);
        }
    }
}
