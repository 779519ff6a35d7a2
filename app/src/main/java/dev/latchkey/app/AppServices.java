package dev.latchkey.app;

import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.FxScheduler;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.app.demo.DemoBrokerProgram;
import dev.latchkey.app.keychain.KeychainPromptBanner;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import java.net.URI;
import java.time.Clock;
import java.util.function.Function;
import javafx.application.Platform;

/**
 * The seams the app runs on: where blocking work goes, where time comes from, how brokers are
 * asked, how a session with a broker is opened (blocking: it probes the keychain, and may wait
 * for the person to answer the keychain's prompt, which {@code keychainPrompts} shows), and
 * which local folders hold profiles and the launch log, and what the demo broker runs as. The real
 * app uses {@link #production()}; tests pass their own clock, scheduler, credential store and folders.
 */
public record AppServices(TaskRunner tasks, Scheduler scheduler, BrokerProbe probe, Function<URI, Session> sessions,
                          LocalFolders folders, KeychainPromptBanner keychainPrompts, DemoBrokerProgram demoBroker)
        implements AutoCloseable {

    /** Services with the current user's folders. */
    public AppServices(TaskRunner tasks, Scheduler scheduler, BrokerProbe probe, Function<URI, Session> sessions) {
        this(tasks, scheduler, probe, sessions, LocalFolders.forCurrentUser());
    }

    /** Services whose sessions report no keychain prompts (their stores have none). */
    public AppServices(TaskRunner tasks, Scheduler scheduler, BrokerProbe probe, Function<URI, Session> sessions,
                       LocalFolders folders) {
        this(tasks, scheduler, probe, sessions, folders, new KeychainPromptBanner(Platform::runLater),
                DemoBrokerProgram.locate());
    }

    public static AppServices production() {
        KeychainPromptBanner prompts = new KeychainPromptBanner(Platform::runLater);
        return new AppServices(new FxTaskRunner(), new FxScheduler(Clock.systemDefaultZone()), BrokerProbe.overHttp(),
                url -> Latchkey.session(url, prompts), LocalFolders.forCurrentUser(), prompts, DemoBrokerProgram.locate());
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
