package dev.latchkey.app.access;

import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.brokerapi.AccessRequest;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The approvals inbox: pending requests the caller may decide, with approve and deny (deny needs
 * a reason the requester will read). The broker decides who may review; the inbox appears once it
 * lists a request for this user or tells of a new one. UI thread only.
 */
public final class ApprovalsViewModel {

    private final TaskRunner tasks;
    private final AccessBackend backend;
    private final ObservableList<AccessRequest> pending = FXCollections.observableArrayList();
    private final ObjectProperty<AccessRequest> selected = new SimpleObjectProperty<>();
    private final StringProperty reason = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper reviewer = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<AccessRequest> decided = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper reasonProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper reasonWanted = new ReadOnlyIntegerWrapper(0);
    private boolean denyWaitsForReason;

    public ApprovalsViewModel(TaskRunner tasks, AccessBackend backend) {
        this.tasks = tasks;
        this.backend = backend;
        reason.addListener((o, old, now) -> {
            if (!now.isBlank()) {
                reasonProblem.set("");
            }
        });
    }

    /** Reads the pending requests again in the background. */
    public void refresh() {
        tasks.run(backend::toReview, this::show,
                failure -> message.set("Cannot list requests to review: " + Failures.describe(failure) + " Try Refresh."));
    }

    private void show(List<AccessRequest> list) {
        String was = selected.get() == null ? null : selected.get().id();
        pending.setAll(list);
        if (!list.isEmpty()) {
            reviewer.set(true);
        }
        selected.set(list.stream().filter(r -> r.id().equals(was)).findFirst()
                .orElse(list.isEmpty() ? null : list.getFirst()));
    }

    /** A request was filed that this user may decide (the broker sends those to reviewers only). */
    public void requestCreated() {
        reviewer.set(true);
        refresh();
    }

    /** Approves the selected request, with the optional reason. */
    public void approve() {
        AccessRequest r = selected.get();
        if (r == null) {
            message.set("Select a request to approve.");
            return;
        }
        decide(r, "Approved", () -> backend.approve(r.id(), reason.get().strip()));
    }

    /** Denies the selected request; a reason is required. */
    public void deny() {
        AccessRequest r = selected.get();
        if (r == null) {
            message.set("Select a request to deny.");
            return;
        }
        if (reason.get().isBlank()) {
            message.set("");
            reasonProblem.set("A reason is required to deny: " + RequestText.person(r.requesterName(), r.requester())
                    + " reads it.");
            reasonWanted.set(reasonWanted.get() + 1);
            denyWaitsForReason = true;
            return;
        }
        denyWaitsForReason = false;
        decide(r, "Denied", () -> backend.deny(r.id(), reason.get().strip()));
    }

    private void decide(AccessRequest r, String verb, Callable<AccessRequest> call) {
        message.set(verb.equals("Approved") ? "Approving …" : "Denying …");
        tasks.run(call, done -> {
            message.set(verb + " " + done.requesterName() + "'s request for " + RequestText.what(done) + ".");
            reason.set("");
            reasonProblem.set("");
            decided.removeIf(x -> x.id().equals(done.id()));
            decided.addFirst(done);
            refresh();
        }, failure -> {
            message.set("Not decided: " + Failures.describe(failure));
            refresh();
        });
    }

    public ObservableList<AccessRequest> pending() {
        return pending;
    }

    public ObjectProperty<AccessRequest> selectedProperty() {
        return selected;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Enter in the reason field: finishes a Deny that waited for its reason; otherwise does nothing. */
    public void reasonEntered() {
        if (denyWaitsForReason) {
            deny();
        }
    }

    /** The requests this reviewer decided in this session, newest first, with the decision and reason. */
    public ObservableList<AccessRequest> decided() {
        return decided;
    }

    /** Why the reason field needs attention ("A reason is required to deny …"); empty when it does not. */
    public ReadOnlyStringProperty reasonProblemProperty() {
        return reasonProblem.getReadOnlyProperty();
    }

    /** Goes up each time a decision waits for a reason, so the view puts the cursor in the reason field. */
    public ReadOnlyIntegerProperty reasonWantedProperty() {
        return reasonWanted.getReadOnlyProperty();
    }

    /** True once the broker has shown this user a request to review. */
    public ReadOnlyBooleanProperty reviewerProperty() {
        return reviewer.getReadOnlyProperty();
    }
}
