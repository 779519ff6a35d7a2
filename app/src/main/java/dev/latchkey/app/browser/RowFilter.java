package dev.latchkey.app.browser;

import dev.latchkey.core.brokerapi.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rows the browser's filter matches, kept apart from the view model because it is the part that
 * must stay quick at 50,000 secrets: typing usually appends, so only what matched the shorter text is
 * searched again, and a filter that removes nothing yields no new list for the table to take in.
 * UI thread only.
 */
final class RowFilter {

    private List<SecretRow> all = List.of();
    private String lastFilter = "";
    private List<SecretRow> lastMatches = List.of();

    /** Takes {@code loaded} as every row; the next match searches them all. */
    void reset(List<SecretRow> loaded) {
        all = loaded;
        lastFilter = "";
    }

    /** Every loaded row, whatever the filter. */
    List<SecretRow> all() {
        return all;
    }

    /**
     * The rows to show: with an empty {@code text}, {@code scope}'s; otherwise every row whose scope,
     * name or description contains it. Empty when they are the rows shown already.
     */
    Optional<List<SecretRow>> match(String text, Scope scope) {
        String f = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        // Typing usually appends: then only what matched the shorter text can match the longer one.
        List<SecretRow> candidates = !f.isEmpty() && !lastFilter.isEmpty() && f.startsWith(lastFilter) ? lastMatches : all;
        List<SecretRow> shown = new ArrayList<>();
        for (SecretRow r : candidates) {
            if (f.isEmpty() ? scope != null && r.scope().name().equals(scope.name()) : r.searchText().contains(f)) {
                shown.add(r);
            }
        }
        boolean unchanged = candidates == lastMatches && shown.size() == candidates.size() && !f.isEmpty();
        lastFilter = f;
        lastMatches = shown;
        // Re-setting 50,000 equal rows would cost a frame for nothing.
        return unchanged ? Optional.empty() : Optional.of(shown);
    }
}
