package dev.latchkey.app.access;

import dev.latchkey.app.common.DetailPane;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.grammar.Durations;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The selected access request in full, on "My requests" and "Approvals": what was asked (scope,
 * secrets, duration, start), by whom and why (the whole justification), where it stands (its chip),
 * who decided, when and why, the grant it produced and its end; below, the actions that apply
 * (Cancel for the requester, Approve and Deny for a reviewer), given by the page.
 */
final class RequestDetailPane extends DetailPane {

    private final Clock clock;
    private final Label scope = title("request-detail-scope");
    private final Label id = reference("request-detail-id");
    private final Label status = chip("request-detail-status");
    private final Label secrets = value("request-detail-secrets");
    private final Label duration = value("request-detail-duration");
    private final Label starts = value("request-detail-starts");
    private final Label requester = value("request-detail-requester");
    private final Label asked = value("request-detail-asked");
    private final Label justification = value("request-detail-justification");
    private final Label reviewers = value("request-detail-reviewers");
    private final Label lapses = value("request-detail-lapses");
    private final Label decided = value("request-detail-decided");
    private final Label reason = value("request-detail-reason");
    private final Label grant = value("request-detail-grant");
    private final Label extendsGrant = value("request-detail-extends");

    /**
     * @param shown the request to show; none shows the empty text
     * @param actions what can be done with it, below its facts (the page shows and hides them)
     */
    RequestDetailPane(ReadOnlyObjectProperty<AccessRequest> shown, Clock clock, Node... actions) {
        super("request-detail", "Select a request to see it in full: the whole justification, "
                + "who decided, and the grant it gave.");
        this.clock = clock;
        // What is asked and why first, then what can be done (in view without scrolling), then the rest.
        VBox what = new VBox(8, fact("Status", status), fact("Secrets", secrets),
                row(fact("Duration asked", duration), fact("Starts", starts)),
                row(fact("Requested by", requester), fact("Asked", asked)), fact("Justification", justification));
        VBox outcome = new VBox(8, fact("Reviewers", reviewers), optionalFact("Lapses undecided at", lapses),
                optionalFact("Decided", decided), optionalFact("Reason", reason), optionalFact("Grant", grant),
                optionalFact("Extends", extendsGrant));
        VBox all = new VBox(12, scope, id, what);
        all.getChildren().addAll(actions);
        all.getChildren().add(outcome);
        setContent(all);
        filledProperty().bind(shown.isNotNull());
        shown.addListener((o, old, r) -> show(r));
        show(shown.get());
    }

    private void show(AccessRequest r) {
        if (r == null) {
            return;
        }
        ZoneId zone = clock.getZone();
        Instant now = clock.instant();
        scope.setText(r.scope());
        id.setText("request " + r.id());
        status.setText(RequestText.status(r, zone));
        chipKind(status, r.state().wire());
        secrets.setText(r.secrets().isEmpty() ? "the whole scope" : String.join(", ", r.secrets()));
        duration.setText(Durations.format(r.duration()));
        starts.setText(r.startAt().map(t -> RequestText.when(t, now, zone)).orElse("on approval"));
        requester.setText(RequestText.person(r.requesterName(), r.requester()));
        asked.setText(RequestText.when(r.createdAt(), now, zone));
        justification.setText(r.justification());
        reviewers.setText(RequestText.reviewers(r.reviewers()));
        lapses.setText(r.state() == AccessRequest.State.PENDING
                ? r.expiresAt().map(t -> RequestText.when(t, now, zone)).orElse("") : "");
        decided.setText(r.decidedBy().map(d -> RequestText.by(r)
                + r.decidedAt().map(t -> " at " + RequestText.when(t, now, zone)).orElse("")
                + (r.autoApproved() ? " (a policy rule, no person)" : "")).orElse(""));
        reason.setText(r.reason().filter(x -> !x.isBlank()).orElse(""));
        grant.setText(r.grant().map(g -> describe(g, zone)).orElse(""));
        extendsGrant.setText(r.extendsGrant().map(g -> "grant " + g).orElse(""));
    }

    private static String describe(Grant g, ZoneId zone) {
        return (g.id().isEmpty() ? "a grant" : "grant " + g.id()) + " on " + g.what() + ", " + RequestText.until(g, zone);
    }
}
