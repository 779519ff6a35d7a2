package dev.latchkey.app.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work (network, keychain, process start) away from the JavaFX thread and hands
 * the outcome back on it. View models take one through their constructor; tests give them
 * {@link SameThreadTaskRunner} so asynchronous code runs deterministically.
 */
public interface TaskRunner {

    /**
     * Runs {@code work} in the background, then exactly one of the callbacks on the UI thread.
     *
     * @param work the blocking work; never touches JavaFX nodes
     * @param onSuccess receives the result
     * @param onFailure receives what {@code work} threw
     */
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure);

    /** Runs {@code action} on the UI thread: for callbacks that core makes from a background thread. */
    void onUi(Runnable action);
}
