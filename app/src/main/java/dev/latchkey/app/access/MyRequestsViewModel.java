package dev.latchkey.app.access;

import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.grammar.Durations;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "My requests": status, reviewer, reason; cancel a pending one, extend an approved one. Kept
 * current by the broker's events (the app calls {@link #refresh()} when one arrives), not by
 * polling. UI thread only.
 */
public final class MyRequestsViewModel {

    private final TaskRunner tasks;
    private final AccessBackend backend;
    private final ObservableList<AccessRequest> requests = FXCollections.observableArrayList();
    private final ObjectProperty<AccessRequest> selected = new SimpleObjectProperty<>();
    private final StringProperty extendBy = new SimpleStringProperty("1h");
    private final StringProperty extendWhy = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private String extendGrant;
    private String selectGrant;

    public MyRequestsViewModel(TaskRunner tasks, AccessBackend backend) {
        this.tasks = tasks;
        this.backend = backend;
    }

    /** Reads the list again in the background, keeping the selection. */
    public void refresh() {
        tasks.run(backend::mine, this::show,
                failure -> message.set("Cannot list your requests: " + Failures.describe(failure) + " Try Refresh."));
    }

    private void show(List<AccessRequest> list) {
        String was = selected.get() == null ? null : selected.get().id();
        requests.setAll(list);
        selected.set(list.stream().filter(r -> r.id().equals(was)).findFirst().orElse(null));
        String pick = selectGrant;
        selectGrant = null;
        if (pick != null) {
            list.stream().filter(r -> r.grant().filter(g -> g.id().equals(pick)).isPresent()).findFirst().ifPresentOrElse(
                    selected::set, () -> message.set("Grant " + pick + " is not among your requests any more."));
        }
        String grantId = extendGrant;
        extendGrant = null;
        if (grantId != null) {
            list.stream().filter(r -> r.grant().filter(g -> g.id().equals(grantId) && (g.state() == Grant.State.ACTIVE
                    || g.state() == Grant.State.SCHEDULED)).isPresent()).findFirst().ifPresentOrElse(r -> {
                        selected.set(r);
                        message.set("Say why you need more time on " + r.grant().orElseThrow().what()
                                + ", then press Extend.");
                    }, () -> message.set("That grant has ended or was revoked; request access again instead."));
        }
    }

    /**
     * Reads the list and selects the request whose grant is {@code grantId}, ready for Extend
     * (from a grant's warning or a launched app): each grant is extended on its own.
     */
    public void prepareExtension(String grantId) {
        extendGrant = grantId;
        refresh();
    }

    /** Reads the list and selects the request whose grant is {@code grantId} (a grant named on the Activity page). */
    public void selectGrant(String grantId) {
        selectGrant = grantId;
        refresh();
    }

    /** Puts a request the app just filed at the top without waiting for a refresh. */
    public void filed(AccessRequest r) {
        requests.removeIf(x -> x.id().equals(r.id()));
        requests.addFirst(r);
        selected.set(r);
    }

    /** Cancels the selected request, while it is pending. */
    public void cancel() {
        AccessRequest r = selected.get();
        if (r == null || r.state() != AccessRequest.State.PENDING) {
            message.set("Select a pending request to cancel.");
            return;
        }
        tasks.run(() -> backend.cancel(r.id()), done -> {
            message.set("Cancelled the request for " + RequestText.what(done) + ".");
            refresh();
        }, failure -> message.set("Could not cancel: " + Failures.describe(failure)));
    }

    /** Files an extension of the selected request's grant by {@link #extendByProperty()}. */
    public void extend() {
        AccessRequest r = selected.get();
        Optional<Grant> grant = r == null ? Optional.empty() : r.grant()
                .filter(g -> g.state() == Grant.State.ACTIVE || g.state() == Grant.State.SCHEDULED);
        if (grant.isEmpty()) {
            message.set("Select an approved request whose access has not ended to extend it.");
            return;
        }
        Optional<Duration> by = Durations.tryParse(extendBy.get());
        if (by.isEmpty()) {
            message.set("Extend by: write it like 30m, 1h or 1h30m.");
            return;
        }
        if (extendWhy.get().isBlank()) {
            message.set("Say why you need more time; reviewers read it.");
            return;
        }
        tasks.run(() -> backend.extend(grant.get().id(), by.get(), extendWhy.get().strip()), filed -> {
            message.set("Asked to extend " + grant.get().what() + " by " + Durations.format(by.get()) + ": "
                    + RequestText.status(filed, ZoneId.systemDefault()) + ".");
            extendWhy.set("");
            refresh();
        }, failure -> message.set("Could not ask for more time: " + Failures.describe(failure)));
    }

    public ObservableList<AccessRequest> requests() {
        return requests;
    }

    public ObjectProperty<AccessRequest> selectedProperty() {
        return selected;
    }

    public StringProperty extendByProperty() {
        return extendBy;
    }

    public StringProperty extendWhyProperty() {
        return extendWhy;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
