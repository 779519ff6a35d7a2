package dev.latchkey.core.internal.keychain;

import dev.latchkey.core.keychain.KeychainPromptListener;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import dev.latchkey.core.keychain.KeychainPrompt;
import dev.latchkey.core.keychain.KeychainException;
import java.time.Duration;

/**
 * Runs keychain calls one at a time on a daemon thread, each within a time bound, so a caller
 * never hangs on a keychain that does not answer. A call that puts up a prompt (the keychain's own
 * unlock or access dialog) extends its bound for as long as a person may take to answer, and the
 * person may end the wait from another thread; either way the call's {@link Call.Context#onCancel}
 * hook stops the work underneath (libsecret's cancellable dismisses the prompt).
 *
 * <p>One thread also serialises access to the keychain connection, which is not meant to be
 * shared between threads.
 */
public final class KeychainCalls {

    /** How long a prompt may stay unanswered before Latchkey stops waiting for it. */
    static final Duration PROMPT_WAIT = Duration.ofSeconds(60);

    // How often, while a prompt is up, Latchkey looks whether the keychain is still running.
    private static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    /** How long a step that may prompt runs before Latchkey says it waits for the person. */
    static final Duration ANNOUNCE_AFTER = Duration.ofSeconds(1);

    // After a timeout the call has this long to unwind (libsecret returns at once when cancelled)
    // before the caller stops waiting for it and later calls get a thread of their own.
    private static final long UNWIND_MS = 50;

    private final KeychainPromptListener prompts;
    private ExecutorService thread = newThread();

    KeychainCalls(KeychainPromptListener prompts) {
        this.prompts = prompts;
    }

    /** A keychain call; it may ask its context for more time while a prompt is up. */
    interface Call<T> {
        T run(Context context) throws Exception;

        /** What a running call can do about its own bound. */
        interface Context {
            /** Registers what stops the call's work (a native cancel); run at most once. */
            void onCancel(Runnable cancel);

            /**
             * Runs {@code waitForAnswer} while the keychain shows a prompt of {@code kind}: the
             * bound becomes {@link #PROMPT_WAIT} from now, the listener hears of the prompt and of
             * its end, and the person may cancel the wait.
             *
             * @throws KeychainDeclinedException when the person cancelled the wait
             */
            <R> R prompt(KeychainPrompt.Kind kind, Callable<R> waitForAnswer) throws Exception;

            /**
             * Runs a step that may put up a prompt nobody can foresee (KeePassXC's confirmation of
             * a removal): it may take {@link #PROMPT_WAIT}, and the listener hears of it once it
             * has run for {@link #ANNOUNCE_AFTER}.
             */
            <R> R mayPrompt(Callable<R> step) throws Exception;

            /** The same, for a step whose prompt, if any, is known to be of {@code kind}. */
            <R> R mayPrompt(KeychainPrompt.Kind kind, Callable<R> step) throws Exception;
        }

        /** Work that may throw. */
        interface Callable<R> {
            R call() throws Exception;
        }
    }

    /**
     * Runs {@code call} within {@code bound} (longer while a prompt is up).
     *
     * @param what what the call does, for messages: "read ada/refresh-token of latchkey:https://..."
     */
    <T> T run(String what, Duration bound, Call<T> call) throws KeychainException {
        return run(what, bound, call, () -> true);
    }

    /**
     * The same; while a prompt is up, {@code keychainRunning} is asked every second whether the
     * keychain is still there, so one that quits with its dialog open ends the wait at once.
     */
    <T> T run(String what, Duration bound, Call<T> call, BooleanSupplier keychainRunning) throws KeychainException {
        Running running = new Running(bound);
        long lastLook = System.nanoTime();
        Future<T> result = executor().submit(() -> call.run(running));
        try {
            while (true) {
                long now = System.nanoTime();
                running.announceIfSlow(now);
                if (running.promptUp() && now - lastLook >= LOOK_EVERY.toNanos()) {
                    lastLook = now;
                    if (!keychainRunning.getAsBoolean()) {
                        running.cancel();
                        awaitUnwind(result);
                        String reason = "the keychain stopped answering (it quit while its prompt was open)";
                        throw new KeychainUnavailableException(reason, reason + " when asked to " + what
                                + "; start your keychain and try again", null);
                    }
                }
                long left = running.deadline - now;
                if (left <= 0) {
                    break;
                }
                try {
                    return result.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException stillRunning) {
                    // the deadline may have moved: a prompt went up
                }
            }
            boolean promptUp = running.promptUp();
            running.cancel();
            awaitUnwind(result);
            if (promptUp) {
                String reason = "nobody answered the keychain's prompt within " + seconds(PROMPT_WAIT);
                throw new KeychainDeclinedException(reason, reason + " (Latchkey asked it to " + what + ")", null);
            }
            String reason = "the keychain did not answer within " + seconds(bound);
            throw new KeychainException(reason, reason + " when asked to " + what
                    + "; check that it is running and unlocked, then try again", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (running.cancelledByPerson) {
                throw declined(what, cause);
            }
            if (cause instanceof KeychainException k) {
                throw k;
            }
            String reason = "the keychain failed: " + cause.getMessage();
            throw new KeychainException(reason, reason + " (asked to " + what + ")", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel();
            throw new KeychainException("interrupted while the keychain was asked to " + what, e);
        }
    }

    private static KeychainDeclinedException declined(String what, Throwable cause) {
        String reason = "you stopped waiting for the keychain";
        return new KeychainDeclinedException(reason, reason + " (Latchkey asked it to " + what + ")", cause);
    }

    private void awaitUnwind(Future<?> result) {
        try {
            result.get(UNWIND_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stuck) {
            // The call ignores its cancel (java-keyring's D-Bus waits) or is slow to see it: leave
            // it behind on its daemon thread and give later calls a fresh one.
            result.cancel(true);
            replaceThread();
        } catch (ExecutionException | CancellationException done) {
            // it ended, with whatever outcome; the caller reports the timeout
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized ExecutorService executor() {
        return thread;
    }

    private synchronized void replaceThread() {
        thread.shutdownNow();
        thread = newThread();
    }

    private static ExecutorService newThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "latchkey-keychain");
            t.setDaemon(true);
            return t;
        });
    }

    public static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private final class Running implements Call.Context {
        private final Duration bound;
        private volatile long deadline;
        private volatile boolean cancelledByPerson;
        private Runnable cancelHook;
        private boolean cancelled;
        // A step that may put up a prompt: since when, and the prompt once announced (guarded by this).
        private long waitingSince;
        private KeychainPrompt.Kind waitingKind;
        private KeychainPrompt prompt;

        Running(Duration bound) {
            this.bound = bound;
            deadline = System.nanoTime() + bound.toNanos();
        }

        @Override
        public synchronized void onCancel(Runnable cancel) {
            if (cancelled) {
                cancel.run();
            }
            cancelHook = cancel;
        }

        synchronized void cancel() {
            if (!cancelled) {
                cancelled = true;
                if (cancelHook != null) {
                    cancelHook.run();
                }
            }
        }

        synchronized boolean promptUp() {
            return waitingSince != 0;
        }

        @Override
        public <R> R prompt(KeychainPrompt.Kind kind, Call.Callable<R> waitForAnswer) throws Exception {
            return await(kind, true, waitForAnswer);
        }

        @Override
        public <R> R mayPrompt(Call.Callable<R> step) throws Exception {
            return await(KeychainPrompt.Kind.ANSWER, false, step);
        }

        @Override
        public <R> R mayPrompt(KeychainPrompt.Kind kind, Call.Callable<R> step) throws Exception {
            return await(kind, false, step);
        }

        /** Announces the prompt of a step that has run longer than {@link #ANNOUNCE_AFTER}; the caller's thread. */
        synchronized void announceIfSlow(long now) {
            if (waitingSince != 0 && prompt == null && now - waitingSince >= ANNOUNCE_AFTER.toNanos()) {
                announce();
            }
        }

        private <R> R await(KeychainPrompt.Kind kind, boolean announceNow, Call.Callable<R> step) throws Exception {
            synchronized (this) {
                waitingSince = System.nanoTime();
                waitingKind = kind;
                deadline = waitingSince + PROMPT_WAIT.toNanos();
                if (announceNow) {
                    announce();
                }
            }
            try {
                R answer = step.call();
                if (cancelledByPerson) {
                    throw declined("wait for the keychain", null);
                }
                return answer;
            } finally {
                KeychainPrompt shown;
                synchronized (this) {
                    shown = prompt;
                    prompt = null;
                    waitingSince = 0;
                    // What follows the answer (reading the entry) gets the call's own bound again.
                    deadline = System.nanoTime() + bound.toNanos();
                }
                if (shown != null) {
                    prompts.ended(shown);
                }
            }
        }

        private void announce() {
            prompt = new KeychainPrompt(waitingKind, PROMPT_WAIT, () -> {
                cancelledByPerson = true;
                cancel();
            });
            prompts.waiting(prompt);
        }
    }
}
