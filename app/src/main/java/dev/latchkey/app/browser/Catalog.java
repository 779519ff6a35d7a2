package dev.latchkey.app.browser;

import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.Scope;
import dev.latchkey.core.brokerapi.SecretMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the browser reads from the broker in the background: the visible scopes by name, their
 * secrets' metadata (never values) and the caller's grants. Kept apart from the view model because
 * it runs off the UI thread and touches no property.
 */
record Catalog(List<Scope> scopes, List<SecretRow> rows, List<Grant> grants) {

    /** Reads every visible scope and each of its secrets' metadata. */
    static Catalog read(BrowserBackend backend) throws BrokerException {
        List<Scope> visible = scopesByName(backend);
        List<SecretRow> found = new ArrayList<>();
        for (Scope s : visible) {
            for (SecretMeta m : backend.secrets(s.name())) {
                found.add(SecretRow.of(s, m));
            }
        }
        return new Catalog(visible, found, backend.grants());
    }

    /**
     * Reads the caller's access to each scope again and gives {@code rows} the new access, without
     * reading any secret's metadata again; rows of scopes no longer visible are dropped.
     */
    static Catalog reaccess(BrowserBackend backend, List<SecretRow> rows) throws BrokerException {
        List<Scope> visible = scopesByName(backend);
        Map<String, Scope> byName = new HashMap<>();
        visible.forEach(s -> byName.put(s.name(), s));
        List<SecretRow> updated = new ArrayList<>(rows.size());
        for (SecretRow r : rows) {
            Scope now = byName.get(r.scope().name());
            if (now != null) {
                updated.add(new SecretRow(now, r.meta(), r.ref(), r.searchText()));
            }
        }
        return new Catalog(visible, updated, backend.grants());
    }

    private static List<Scope> scopesByName(BrowserBackend backend) throws BrokerException {
        return backend.scopes().stream().sorted(Comparator.comparing(Scope::name)).toList();
    }
}
