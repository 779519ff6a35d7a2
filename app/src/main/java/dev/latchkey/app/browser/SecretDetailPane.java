package dev.latchkey.app.browser;

import atlantafx.base.theme.Styles;
import dev.latchkey.app.common.AccessNeed;
import dev.latchkey.app.common.DetailPane;
import dev.latchkey.core.brokerapi.Grant;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The selected secret in full: its reference, description, version, dates, the caller's access and
 * the grant that gives it, who would approve a request; and what can be done with it (reveal,
 * copy, or "Request access to payments/prod …" where no grant covers it).
 */
final class SecretDetailPane extends DetailPane {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final SecretsBrowserViewModel model;
    private final ZoneId zone;
    private final Label name = title("detail-name");
    private final Label ref = reference("detail-ref");
    private final Label description = value("detail-description");
    private final Label access = chip("detail-access");
    private final Label grant = value("detail-grant");
    private final Label version = value("detail-version");
    private final Label updated = value("detail-updated");
    private final Label rotate = value("detail-rotate");
    private final Label approvers = value("detail-approvers");
    private final Button request = new Button();
    private Consumer<AccessNeed> onRequest = need -> { };

    SecretDetailPane(SecretsBrowserViewModel model, ZoneId zone, Button reveal, Button copy, Button copyRef, Button hide,
                     Label revealed, Label message) {
        super("secret-detail", "Select a secret to see its details.");
        this.model = model;
        this.zone = zone;
        description.getStyleClass().remove("detail-value");
        approvers.textProperty().bind(model.approversProperty());
        VBox facts = new VBox(8, fact("Access", access), fact("Covered by", grant), optionalFact("Who can approve", approvers),
                row(fact("Version", version), fact("Updated", updated), fact("Rotate by", rotate)));

        request.setId("request-secret-access");
        request.getStyleClass().add(Styles.ACCENT);
        request.setGraphic(FontIcon.of(Feather.UNLOCK, 14));
        request.setWrapText(true);
        request.setMaxWidth(Double.MAX_VALUE);
        request.setOnAction(e -> model.selectedRow().ifPresent(row ->
                onRequest.accept(new AccessNeed(row.scope().name(), List.of(row.meta().name())))));
        request.managedProperty().bind(request.visibleProperty());
        request.setMinHeight(Region.USE_PREF_SIZE);

        revealed.setWrapText(true);
        message.setWrapText(true);
        revealed.setMinHeight(Region.USE_PREF_SIZE);
        message.setMinHeight(Region.USE_PREF_SIZE);
        setContent(name, ref, description, facts, request, actions(reveal, copy, copyRef, hide), revealed, message);
        filledProperty().bind(model.selectedRowProperty().isNotNull());

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
        ref.setText(twoLines(row.ref().toString()));
        description.setText(row.meta().description().isBlank() ? "No description." : row.meta().description());
        access.setText(a.text(zone));
        chipKind(access, a.kind());
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
}
