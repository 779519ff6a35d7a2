package dev.latchkey.app.common;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Transient news (a request decided, a request to review): a few toasts at a time, each gone after
 * {@link #SHOWN_FOR} unless the keyboard is on it, the oldest leaving first when a new one comes.
 * What must stay until acted on goes to the {@link BannerModel} instead. UI thread only.
 */
public final class Toasts {

    /** How many toasts show at once. */
    public static final int MOST = 3;
    /** How long a toast stays when nobody is on it. */
    public static final Duration SHOWN_FOR = Duration.ofSeconds(8);

    /**
     * One piece of news.
     *
     * @param key identifies it (a newer toast with the same key replaces it)
     * @param text what happened; names and scopes only, never a value
     */
    public record Toast(String key, Notice.Severity severity, String text) {
        public Toast {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(text, "text");
        }
    }

    private final Scheduler scheduler;
    private final ObservableList<Toast> shown = FXCollections.observableArrayList();
    private final ObservableList<Toast> readOnly = FXCollections.unmodifiableObservableList(shown);
    private final Map<Toast, Scheduler.Cancellable> timers = new HashMap<>();

    public Toasts(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Shows {@code toast}, replacing one with the same key, dropping the oldest beyond {@link #MOST}. */
    public void show(Toast toast) {
        shown.stream().filter(t -> t.key().equals(toast.key())).toList().forEach(this::dismiss);
        while (shown.size() >= MOST) {
            dismiss(shown.getFirst());
        }
        shown.add(toast);
        startTimer(toast);
    }

    /** Takes {@code toast} away now. */
    public void dismiss(Toast toast) {
        Scheduler.Cancellable timer = timers.remove(toast);
        if (timer != null) {
            timer.cancel();
        }
        shown.remove(toast);
    }

    /**
     * Keeps {@code toast} while the keyboard is on it ({@code held}), so it can be read and closed;
     * once let go it stays {@link #SHOWN_FOR} again.
     */
    public void hold(Toast toast, boolean held) {
        if (!shown.contains(toast)) {
            return;
        }
        Scheduler.Cancellable timer = timers.remove(toast);
        if (timer != null) {
            timer.cancel();
        }
        if (!held) {
            startTimer(toast);
        }
    }

    /** Takes every toast away: on sign-out, so the next person sees none of the last one's news. */
    public void clear() {
        timers.values().forEach(Scheduler.Cancellable::cancel);
        timers.clear();
        shown.clear();
    }

    /** The toasts showing, oldest first. */
    public ObservableList<Toast> shown() {
        return readOnly;
    }

    private void startTimer(Toast toast) {
        timers.put(toast, scheduler.after(SHOWN_FOR, () -> dismiss(toast)));
    }
}
