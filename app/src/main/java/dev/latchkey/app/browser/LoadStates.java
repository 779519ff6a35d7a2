package dev.latchkey.app.browser;

import dev.latchkey.core.brokerapi.Scope;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;

/**
 * What the browser shows while it loads or after a failure, kept apart from "nothing here":
 * "Loading secrets …" never reads as "No secrets".
 */
final class LoadStates {

    private LoadStates() {
    }

    /** What the table shows without rows: loading, a failure, an empty scope or a filter that matches nothing. */
    static Node placeholder(SecretsBrowserViewModel model) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(28, 28);
        spinner.setAccessibleText("Loading");
        Label text = new Label();
        text.setId("table-placeholder");
        text.setWrapText(true);
        Runnable update = () -> {
            boolean loading = model.loadProperty().get() instanceof SecretsBrowserViewModel.Load.Loading;
            spinner.setVisible(loading);
            spinner.setManaged(loading);
            text.setText(placeholderText(model));
        };
        model.loadProperty().addListener((o, old, now) -> update.run());
        model.filterProperty().addListener((o, old, now) -> update.run());
        model.selectedScopeProperty().addListener((o, old, now) -> update.run());
        update.run();
        VBox box = new VBox(10, spinner, text);
        box.getStyleClass().add("placeholder");
        box.setAlignment(Pos.CENTER);
        return box;
    }

    /** The table's words without rows, for {@link #placeholder}. */
    static String placeholderText(SecretsBrowserViewModel model) {
        Scope scope = model.selectedScopeProperty().get();
        String f = model.filterProperty().get().strip();
        return switch (model.loadProperty().get()) {
            case SecretsBrowserViewModel.Load.Loading l -> "Loading secrets …";
            case SecretsBrowserViewModel.Load.Failed x -> "Secrets could not be loaded. See the message on the left.";
            case SecretsBrowserViewModel.Load.Loaded l when !f.isEmpty() -> "No secret matches \u201c" + f + "\u201d.";
            case SecretsBrowserViewModel.Load.Loaded l when scope == null -> "Pick a scope on the left.";
            case SecretsBrowserViewModel.Load.Loaded l -> "No secrets in " + scope.name() + ".";
        };
    }

    /** Covers the tree while loading, and shows a failure in place with {@code retry}. */
    static Node overlay(SecretsBrowserViewModel model, Button retry) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(32, 32);
        spinner.setAccessibleText("Loading");
        Label text = new Label();
        text.setId("load-status");
        text.setWrapText(true);
        VBox box = new VBox(12, spinner, text, retry);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(16));
        box.getStyleClass().add("card");
        Runnable update = () -> {
            switch (model.loadProperty().get()) {
                case SecretsBrowserViewModel.Load.Loading l -> {
                    box.setVisible(true);
                    spinner.setVisible(true);
                    retry.setVisible(false);
                    text.setText("Loading scopes and secrets …");
                }
                case SecretsBrowserViewModel.Load.Failed f -> {
                    box.setVisible(true);
                    spinner.setVisible(false);
                    retry.setVisible(true);
                    text.setText(f.why());
                }
                case SecretsBrowserViewModel.Load.Loaded l -> box.setVisible(false);
            }
        };
        model.loadProperty().addListener((obs, old, now) -> update.run());
        update.run();
        return box;
    }
}
