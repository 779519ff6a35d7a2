package dev.latchkey.app.common;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The notices across the top of the window: the memory-only session warning, expiry warnings
 * when there is no tray, the reason there is no tray icon. At most one notice per key.
 * UI thread only.
 */
public final class BannerModel {

    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final ObservableList<Notice> readOnly = FXCollections.unmodifiableObservableList(notices);
    private final List<Consumer<String>> dismissals = new CopyOnWriteArrayList<>();

    /** Shows {@code notice}, replacing any earlier one with the same key in place. */
    public void show(Notice notice) {
        for (int i = 0; i < notices.size(); i++) {
            if (notices.get(i).key().equals(notice.key())) {
                notices.set(i, notice);
                return;
            }
        }
        notices.add(notice);
    }

    /** Withdraws the notice with {@code key}, if shown. */
    public void dismiss(String key) {
        notices.removeIf(n -> n.key().equals(key));
    }

    /** Withdraws every notice {@code which} matches (on sign-out: the last person's). */
    public void dismissIf(Predicate<Notice> which) {
        notices.removeIf(which);
    }

    /**
     * The user dismissed the notice with {@code key} (its Dismiss button): withdraws it and tells
     * the dismissal listeners, so what it was about can be let go (an ended grant's "access has
     * ended" state lasts until this).
     */
    public void dismissByUser(String key) {
        dismiss(key);
        dismissals.forEach(l -> l.accept(key));
    }

    /** Told the key of each notice the user dismisses, in the order listeners were added. */
    public void addDismissListener(Consumer<String> listener) {
        dismissals.add(listener);
    }

    public ObservableList<Notice> notices() {
        return readOnly;
    }
}
