package dev.latchkey.app;

import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.FxScheduler;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import java.time.Clock;

/**
 * The seams the app runs on: where blocking work goes, where time comes from, how brokers are
 * asked. The real app uses {@link #production()}; tests pass their own clock and scheduler.
 */
public record AppServices(TaskRunner tasks, Scheduler scheduler, BrokerProbe probe) implements AutoCloseable {

    public static AppServices production() {
        return new AppServices(new FxTaskRunner(), new FxScheduler(Clock.systemDefaultZone()), BrokerProbe.overHttp());
    }

    @Override
    public void close() {
        if (tasks instanceof FxTaskRunner runner) {
            runner.close();
        }
        if (scheduler instanceof FxScheduler timer) {
            timer.close();
        }
    }
}
