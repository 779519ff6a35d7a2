package dev.latchkey.app;

import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.FxScheduler;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import java.net.URI;
import java.time.Clock;
import java.util.function.Function;

/**
 * The seams the app runs on: where blocking work goes, where time comes from, how brokers are
 * asked, how a session with a broker is opened (blocking: it probes the keychain). The real app
 * uses {@link #production()}; tests pass their own clock, scheduler and credential store.
 */
public record AppServices(TaskRunner tasks, Scheduler scheduler, BrokerProbe probe, Function<URI, Session> sessions)
        implements AutoCloseable {

    public static AppServices production() {
        return new AppServices(new FxTaskRunner(), new FxScheduler(Clock.systemDefaultZone()), BrokerProbe.overHttp(),
                Latchkey::session);
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
