package dev.latchkey.app.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work on its own thread and the callbacks on that thread too, one at a time: for
 * view-model tests of long work (a running child) without a display. The lock stands in for
 * the UI thread's one-at-a-time rule.
 */
public final class BackgroundTaskRunner implements TaskRunner {

    private final Object ui = new Object();

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
        Thread.ofVirtual().start(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                synchronized (ui) {
                    onFailure.accept(e);
                }
                return;
            }
            synchronized (ui) {
                onSuccess.accept(result);
            }
        });
    }

    @Override
    public void onUi(Runnable action) {
        synchronized (ui) {
            action.run();
        }
    }

    /** Runs {@code action} as the UI thread would (test steps that touch the view model). */
    public void ui(Runnable action) {
        onUi(action);
    }
}
