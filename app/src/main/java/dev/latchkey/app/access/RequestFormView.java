package dev.latchkey.app.access;

import atlantafx.base.theme.Styles;
import dev.latchkey.app.common.FieldCaption;
import dev.latchkey.app.common.FormKeys;
import dev.latchkey.app.common.ReadingWidth;
import dev.latchkey.app.common.Screen;
import dev.latchkey.grammar.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Callback;

/** The access request form, with the live dry run's verdict under it. */
public final class RequestFormView implements Screen {

    private final Node root;
    private final ComboBox<String> scope = new ComboBox<>();
    private final TextArea justification = new TextArea();

    /** @param close leaves the form (cancel) */
    public RequestFormView(RequestFormViewModel model, Runnable close) {
        Label heading = new Label("Request access");
        heading.getStyleClass().add("title");
        scope.setId("request-scope");
        scope.setItems(model.scopes());
        scope.valueProperty().bindBidirectional(model.scopeProperty());
        scope.setPromptText("team/env");

        ListView<String> secrets = new ListView<>(model.secretChoices());
        secrets.setId("request-secrets");
        secrets.getStyleClass().add(Styles.DENSE);
        secrets.setPrefHeight(110);
        secrets.setMinHeight(90); // never crushed to a sliver: the form scrolls instead
        Map<String, SimpleBooleanProperty> ticks = new HashMap<>();
        Callback<ListView<String>, ListCell<String>> ticking = CheckBoxListCell.forListView(name -> ticks.computeIfAbsent(name, n -> {
            SimpleBooleanProperty p = new SimpleBooleanProperty(model.chosenSecrets().contains(n));
            p.addListener((o, was, on) -> {
                if (on && !model.chosenSecrets().contains(n)) {
                    model.chosenSecrets().add(n);
                } else if (!on) {
                    model.chosenSecrets().remove(n);
                }
            });
            return p;
        }));
        secrets.setCellFactory(list -> {
            ListCell<String> cell = ticking.call(list);
            // The tick box shows no text of its own: a screen reader names it by its secret.
            Runnable name = () -> {
                if (cell.getGraphic() != null) {
                    cell.getGraphic().setAccessibleText(cell.getItem() == null ? null : "Ask for " + cell.getItem());
                }
            };
            cell.graphicProperty().addListener((o, old, now) -> name.run());
            cell.itemProperty().addListener((o, old, now) -> name.run());
            return cell;
        });
        model.secretChoices().addListener((ListChangeListener<String>) c -> ticks.clear());
        Label secretsHint = new Label("Tick secrets to ask for only those; none ticked asks for the whole scope.");
        secretsHint.getStyleClass().add("subtle");

        TextField duration = new TextField();
        duration.setId("request-duration");
        duration.setPrefColumnCount(8);
        duration.textProperty().bindBidirectional(model.durationProperty());
        HBox presets = new HBox(6);
        Runnable drawPresets = () -> {
            presets.getChildren().clear();
            for (Duration d : model.presets()) {
                Button b = new Button(Durations.format(d));
                b.setId("preset-" + Durations.format(d));
                b.getStyleClass().add("preset");
                b.setOnAction(e -> model.choose(d));
                presets.getChildren().add(b);
            }
        };
        model.presets().addListener((ListChangeListener<Duration>) c -> drawPresets.run());
        drawPresets.run();
        HBox durationRow = new HBox(10, presets, new Label("or"), duration);
        durationRow.setAlignment(Pos.CENTER_LEFT);

        CheckBox later = new CheckBox("Start _later, at");
        later.setId("request-later");
        later.selectedProperty().bindBidirectional(model.startLaterProperty());
        TextField start = new TextField();
        start.setId("request-start");
        start.setPromptText("14:30 or +2h");
        start.setPrefColumnCount(10);
        start.textProperty().bindBidirectional(model.startAtProperty());
        start.disableProperty().bind(later.selectedProperty().not());
        Label startHint = new Label("(otherwise access starts when the request is approved)");
        startHint.getStyleClass().add("subtle");
        HBox startRow = new HBox(10, later, start, startHint);
        startRow.setAlignment(Pos.CENTER_LEFT);

        justification.setId("request-justification");
        justification.setPromptText("Why you need it: a ticket and a sentence, such as PAY-123 debugging the webhook retries");
        justification.setPrefRowCount(3);
        justification.setMinHeight(70);
        justification.setWrapText(true);
        FormKeys.tabLeaves(justification);
        justification.textProperty().bindBidirectional(model.justificationProperty());

        ProgressIndicator checking = new ProgressIndicator();
        checking.setPrefSize(18, 18);
        checking.visibleProperty().bind(model.checkingProperty());
        checking.managedProperty().bind(checking.visibleProperty());
        Label outcome = text("dry-run-outcome", model.outcomeProperty());
        outcome.getStyleClass().add("card-title");
        Label limits = text("dry-run-limits", model.limitsProperty());
        Label problems = text("dry-run-problems", model.problemsProperty());
        problems.getStyleClass().add("error-text");
        for (Label l : new Label[] {limits, problems}) {
            l.managedProperty().bind(l.textProperty().isNotEmpty());
        }
        VBox verdict = new VBox(6, new HBox(8, checking, outcome), limits, problems);
        verdict.getStyleClass().add("card");

        Button submit = new Button("Su_bmit request");
        submit.setId("submit-request");
        submit.setDefaultButton(true);
        submit.getStyleClass().add(Styles.ACCENT);
        submit.setTooltip(new Tooltip("Enter, or Ctrl+Enter from the justification"));
        submit.disableProperty().bind(model.submittableProperty().not().or(model.busyProperty()));
        submit.setOnAction(e -> model.submit());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-request-form");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close.run());
        Label message = text("request-message", model.messageProperty());
        FlowPane actions = new FlowPane(10, 8, submit, cancel, message);
        actions.setAlignment(Pos.CENTER_LEFT);

        // Problems show under their field once it is left (or on submit), saying the limit.
        touchOnLeave(scope, model, "scope");
        touchOnLeave(duration, model, "duration");
        touchOnLeave(start, model, "start");
        touchOnLeave(justification, model, "justification");
        GridPane grid = new GridPane(14, 10);
        grid.addRow(0, FieldCaption.of("Scope"), under(scope, "scope-problem", model.problemProperty("scope")));
        grid.addRow(1, FieldCaption.of("Secrets"), new VBox(4, secrets, secretsHint));
        grid.addRow(2, FieldCaption.of("Duration"), under(durationRow, duration, "duration-problem",
                model.problemProperty("duration")));
        grid.addRow(3, FieldCaption.of("Start"), under(startRow, start, "start-problem", model.problemProperty("start")));
        grid.addRow(4, FieldCaption.of("Justification"), under(justification, "justification-problem",
                model.problemProperty("justification")));
        GridPane.setHgrow(justification, Priority.ALWAYS);
        ColumnConstraints captions = new ColumnConstraints();
        captions.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(captions, fields);
        FieldCaption.name(grid);
        grid.getChildren().stream().filter(n -> GridPane.getColumnIndex(n) == 0)
                .forEach(n -> GridPane.setValignment(n, VPos.TOP));
        VBox form = new VBox(14, heading, grid, verdict, actions);
        form.setPadding(new Insets(20, 24, 20, 24));
        form.setId("request-form");
        form.setMaxWidth(ReadingWidth.FORM);
        FormKeys.submitOnShortcutEnter(form, () -> {
            if (!submit.isDisabled()) {
                submit.fire();
            } else {
                model.submit(); // says what to fix, next to each field
            }
        });
        root = ReadingWidth.column(form);
    }

    private static VBox under(Node field, String id, ObservableValue<String> problem) {
        return under(field, field, id, problem);
    }

    private static VBox under(Node row, Node field, String id, ObservableValue<String> problem) {
        return new VBox(4, row, FormKeys.problemUnder(field, id, problem));
    }

    private static void touchOnLeave(Node field, RequestFormViewModel model, String name) {
        field.focusedProperty().addListener((o, was, now) -> {
            if (was && !now) {
                model.touch(name);
            }
        });
    }

    private static Label text(String id, ObservableValue<String> value) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.textProperty().bind(value);
        return l;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Node initialFocus() {
        return scope.getValue() == null || scope.getValue().isBlank() ? scope : justification;
    }

    @Override
    public String title() {
        return "Request access";
    }

    @Override
    public String navId() {
        return "nav-requests";
    }
}
