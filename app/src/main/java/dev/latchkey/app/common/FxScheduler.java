package dev.latchkey.app.common;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** The app's {@link Scheduler}: one daemon timer thread that hands each action to the UI thread. */
public final class FxScheduler implements Scheduler, AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("latchkey-timer").factory());
    private final Clock clock;

    public FxScheduler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Cancellable after(Duration delay, Runnable action) {
        ScheduledFuture<?> f = timer.schedule(() -> Platform.runLater(action), delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
