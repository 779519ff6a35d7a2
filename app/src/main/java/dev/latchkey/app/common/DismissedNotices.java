package dev.latchkey.app.common;

import dev.latchkey.core.config.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The notices the user dismissed, remembered across restarts so a dismissed notice does not come
 * back on every start: entries such as {@code grant:g_1@15m} (grant g_1's 15-minute warning) or
 * {@code no-tray}. Kept in {@code dismissed-notices} in the app's config folder, one entry a line:
 * notice keys hold grant ids and fixed words only, never a value, scope text or user name.
 * A missing or unreadable file means nothing was dismissed. UI thread only.
 */
public final class DismissedNotices {

    static final String FILE = "dismissed-notices";

    private final Optional<Path> file;
    private final Set<String> entries = new LinkedHashSet<>();

    private DismissedNotices(Optional<Path> file) {
        this.file = file;
        file.filter(Files::isRegularFile).ifPresent(f -> {
            try {
                Files.readAllLines(f).stream().map(String::strip).filter(DismissedNotices::wellFormed)
                        .forEach(entries::add);
            } catch (IOException e) {
                // A damaged file costs only the memory of what was dismissed.
            }
        });
    }

    /** Remembered in {@code folder} (the config folder). */
    public static DismissedNotices in(Path folder) {
        return new DismissedNotices(Optional.of(folder.resolve(FILE)));
    }

    /** Remembered only while the app runs (tests of the parts that use it). */
    public static DismissedNotices inMemory() {
        return new DismissedNotices(Optional.empty());
    }

    /** Whether {@code entry} was dismissed. */
    public boolean contains(String entry) {
        return entries.contains(entry);
    }

    /** Whether {@code entry} can be remembered: a key of ids and fixed words, not free text. */
    public static boolean isKey(String entry) {
        return wellFormed(entry);
    }

    /** Remembers that {@code entry} was dismissed; {@link #isKey} must hold. */
    public void add(String entry) {
        if (!wellFormed(entry)) {
            throw new IllegalArgumentException("not a notice key: " + entry);
        }
        if (entries.add(entry)) {
            save();
        }
    }

    /** Forgets the entries {@code which} matches (on sign-out: the grants'; once a grant is gone: its own). */
    public void forget(Predicate<String> which) {
        if (entries.removeIf(which)) {
            save();
        }
    }

    /** Everything remembered, in the order dismissed. */
    public List<String> entries() {
        return List.copyOf(entries);
    }

    /** Keys are ids and fixed words: one short line of [A-Za-z0-9:@._-], so no free text gets in. */
    private static boolean wellFormed(String entry) {
        return entry.length() <= 200 && entry.matches("[A-Za-z0-9:@._-]+");
    }

    private void save() {
        if (file.isEmpty()) {
            return;
        }
        try {
            PrivateFiles.writeString(file.get(), String.join("\n", entries) + (entries.isEmpty() ? "" : "\n"));
        } catch (IOException e) {
            // Forgetting a dismissal only means the notice may show once more after a restart.
        }
    }
}
