package dev.latchkey.app.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Holds each piece of work until the test finishes it, in any order: for answers that arrive
 * late or out of order (a dry run overtaken by a newer one).
 */
public final class QueuedTaskRunner implements TaskRunner {

    private final List<Runnable> queued = new ArrayList<>();

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
        queued.add(() -> new SameThreadTaskRunner().run(work, onSuccess, onFailure));
    }

    @Override
    public void onUi(Runnable action) {
        action.run();
    }

    /** How many are waiting. */
    public int waiting() {
        return queued.size();
    }

    /** Finishes the {@code i}-th waiting piece of work (0 = the oldest). */
    public void finish(int i) {
        queued.remove(i).run();
    }
}
