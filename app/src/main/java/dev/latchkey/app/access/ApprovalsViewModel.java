package dev.latchkey.app.access;

import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.brokerapi.AccessRequest;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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

    public ApprovalsViewModel(TaskRunner tasks, AccessBackend backend) {
        this.tasks = tasks;
        this.backend = backend;
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
            message.set("Say why you deny it: the requester reads the reason.");
            return;
        }
        decide(r, "Denied", () -> backend.deny(r.id(), reason.get().strip()));
    }

    private void decide(AccessRequest r, String verb, java.util.concurrent.Callable<AccessRequest> call) {
        message.set(verb.equals("Approved") ? "Approving …" : "Denying …");
        tasks.run(call, done -> {
            message.set(verb + " " + done.requesterName() + "'s request for " + RequestText.what(done) + ".");
            reason.set("");
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

    /** True once the broker has shown this user a request to review. */
    public ReadOnlyBooleanProperty reviewerProperty() {
        return reviewer.getReadOnlyProperty();
    }
}
