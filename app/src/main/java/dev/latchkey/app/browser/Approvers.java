package dev.latchkey.app.browser;

import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.brokerapi.Scope;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Who would approve a request for the selected secret, for the detail pane. Kept apart from the view
 * model because it is a cache with its own rules: the broker is asked once per scope (the answer
 * does not change from secret to secret), and a late answer shows only if its row is still selected.
 * UI thread only.
 */
final class Approvers {

    private final TaskRunner tasks;
    private final BrowserBackend backend;
    private final Supplier<SecretRow> selected;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final Map<String, String> byScope = new HashMap<>();

    /** @param selected the row selected now, to drop an answer that came after the selection moved */
    Approvers(TaskRunner tasks, BrowserBackend backend, Supplier<SecretRow> selected) {
        this.tasks = tasks;
        this.backend = backend;
        this.selected = selected;
    }

    /** Shows who would approve a request for {@code row}; standing scopes need nobody. */
    void ask(SecretRow row) {
        if (row == null || row.scope().access() == Scope.Access.STANDING) {
            text.set("");
            return;
        }
        String scope = row.scope().name();
        String known = byScope.get(scope);
        if (known != null) {
            text.set(known);
            return;
        }
        text.set("asking the broker …");
        tasks.run(() -> backend.approvers(scope, row.meta().name()), who -> {
            byScope.put(scope, who);
            if (selected.get() == row) {
                text.set(who);
            }
        }, failure -> {
            if (selected.get() == row) {
                text.set("unknown: " + Failures.describe(failure));
            }
        });
    }

    ReadOnlyStringProperty property() {
        return text.getReadOnlyProperty();
    }
}
