package dev.latchkey.app.browser;

import atlantafx.base.theme.Styles;
import dev.latchkey.app.common.AccessNeed;
import dev.latchkey.core.brokerapi.Grant;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The selected secret in full: its reference, description, version, dates, the caller's access and
 * the grant that gives it, who would approve a request; and what can be done with it (reveal,
 * copy, or "Request access to payments/prod …" where no grant covers it).
 */
final class SecretDetailPane extends VBox {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final SecretsBrowserViewModel model;
    private final ZoneId zone;
    private final Label name = new Label();
    private final Label ref = new Label();
    private final Label description = new Label();
    private final Label access = new Label();
    private final Label grant = value("detail-grant");
    private final Label version = value("detail-version");
    private final Label updated = value("detail-updated");
    private final Label rotate = value("detail-rotate");
    private final Label approvers = value("detail-approvers");
    private final Button request = new Button();
    private final VBox filled;
    private Consumer<AccessNeed> onRequest = need -> { };

    SecretDetailPane(SecretsBrowserViewModel model, ZoneId zone, Button reveal, Button copy, Button copyRef, Button hide,
                     Label revealed, Label message) {
        this.model = model;
        this.zone = zone;
        setId("secret-detail");
        getStyleClass().add("detail-pane");
        name.setId("detail-name");
        name.getStyleClass().add("card-title");
        name.setWrapText(true);
        ref.setId("detail-ref");
        ref.getStyleClass().add("detail-ref");
        ref.setWrapText(true);
        description.setId("detail-description");
        description.setWrapText(true);
        access.setId("detail-access");
        access.getStyleClass().add("chip");
        approvers.textProperty().bind(model.approversProperty());

        // Each fact as a caption over its value: values wrap in a narrow pane instead of being cut.
        VBox who = fact("Who can approve", approvers);
        who.visibleProperty().bind(approvers.textProperty().isNotEmpty());
        who.managedProperty().bind(who.visibleProperty());
        VBox facts = new VBox(8, fact("Access", access), fact("Covered by", grant), who,
                new FlowPane(24, 8, fact("Version", version), fact("Updated", updated), fact("Rotate by", rotate)));

        request.setId("request-secret-access");
        request.getStyleClass().add(Styles.ACCENT);
        request.setGraphic(FontIcon.of(Feather.UNLOCK, 14));
        request.setWrapText(true);
        request.setMaxWidth(Double.MAX_VALUE);
        request.setOnAction(e -> model.selectedRow().ifPresent(row ->
                onRequest.accept(new AccessNeed(row.scope().name(), List.of(row.meta().name())))));
        request.managedProperty().bind(request.visibleProperty());
        request.setMinHeight(Region.USE_PREF_SIZE);

        FlowPane actions = new FlowPane(8, 8, reveal, copy, copyRef, hide);
        revealed.setWrapText(true);
        message.setWrapText(true);
        filled = new VBox(12, name, ref, description, facts, request, actions, revealed, message);
        for (Label l : List.of(name, ref, description, grant, approvers, revealed, message)) {
            l.setMinHeight(Region.USE_PREF_SIZE); // wrapped text takes the lines it needs; the pane scrolls
        }

        Label none = new Label("Select a secret to see its details.");
        none.setId("detail-empty");
        none.getStyleClass().add("subtle");
        none.setWrapText(true);
        none.visibleProperty().bind(model.selectedRowProperty().isNull());
        none.managedProperty().bind(none.visibleProperty());
        filled.visibleProperty().bind(none.visibleProperty().not());
        filled.managedProperty().bind(filled.visibleProperty());
        getChildren().addAll(none, filled);
        setAlignment(Pos.TOP_LEFT);

        model.selectedRowProperty().addListener((o, old, row) -> update());
        model.selectedAccessProperty().addListener((o, old, a) -> update());
        model.accessVersionProperty().addListener((o, old, v) -> update());
        update();
    }

    /** What "Request access …" does with the selected secret's scope and name. */
    void onRequest(Consumer<AccessNeed> action) {
        onRequest = action;
    }

    private void update() {
        Optional<SecretRow> selected = model.selectedRow();
        if (selected.isEmpty()) {
            request.setVisible(false);
            return;
        }
        SecretRow row = selected.get();
        SecretAccess a = model.access(row);
        name.setText(row.meta().name());
        // A reference has no spaces: let it break after each "/" rather than be cut.
        ref.setText(row.ref().toString().replace("/", "/\u200B").replace("/\u200B/\u200B", "//"));
        description.setText(row.meta().description().isBlank() ? "No description." : row.meta().description());
        access.setText(a.text(zone));
        access.getStyleClass().removeIf(s -> s.startsWith("chip-"));
        access.getStyleClass().add("chip-" + a.kind());
        grant.setText(model.coveringGrant(row).map(this::describe).orElse(switch (a) {
            case SecretAccess.Standing s -> "standing access to " + row.scope().name();
            default -> "no grant";
        }));
        version.setText(Long.toString(row.meta().version()));
        updated.setText(time(row.meta().updated()));
        rotate.setText(time(row.meta().rotationDue()));
        request.setText("Request access to " + row.scope().name() + " …");
        request.setTooltip(new Tooltip("Opens the request form with " + row.meta().name() + " ticked"));
        request.setVisible(a.requestable());
    }

    private String describe(Grant g) {
        String what = g.secrets().isEmpty() ? "the whole scope" : String.join(", ", g.secrets());
        return "grant " + g.id() + " until " + TIME.format(g.endsAt().atZone(zone)) + " (" + what + ")";
    }

    private String time(Optional<Instant> t) {
        return t.map(i -> DAY_TIME.format(i.atZone(zone))).orElse("—");
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("detail-key");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label value(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("detail-value");
        l.setWrapText(true);
        return l;
    }

    private static VBox fact(String caption, Label value) {
        return new VBox(2, key(caption), value);
    }
}
