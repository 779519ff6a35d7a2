package dev.latchkey.app.agent;

import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.Notice;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentAudit;
import dev.latchkey.core.agent.AgentBusyException;
import dev.latchkey.core.agent.AgentClient;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.agent.AgentServer;
import dev.latchkey.core.agent.AgentService;
import dev.latchkey.core.approval.Approver;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.launch.LaunchLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The local agent (docs/agent.md) while the app runs and someone is signed in: started on sign-in
 * over the app's own session, stopped on sign-out, on a switch of account and when the app ends.
 * When a headless {@code latchkey agent} already serves the socket the app leaves it alone and
 * says so: two agents would fight over one socket, and the terminal's agent was started on purpose.
 *
 * <p>All methods run on the UI thread; binding the socket and reading the keychain happen in the
 * background. The agent serves values and never logs or writes them; this class sees none.
 */
public final class AgentHost implements AutoCloseable {

    /** The banner notice's key: one notice about the agent at a time. */
    public static final String KEY = "agent";

    /** Where the app's agent stands. */
    public enum State {
        /** Nobody is signed in, or the app is ending: commands in a terminal work alone. */
        STOPPED,
        /** The socket is being bound and the session read. */
        STARTING,
        /** The app's agent answers on the socket. */
        SERVING,
        /** A headless {@code latchkey agent} (or another app) already serves the socket. */
        OTHER_AGENT,
        /** The agent could not start (the banner says why). */
        FAILED
    }

    private final TaskRunner tasks;
    private final Clock clock;
    private final AgentPaths paths;
    private final Supplier<LeakGuard> guard;
    private final BannerModel banner;
    private final LaunchLog activity;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STOPPED);
    private final Approver approver;
    private final Path config;
    private AgentServer server;
    private long otherPid = -1;
    /** Bumped by every start and stop, so a start that finishes after a stop closes what it opened. */
    private long generation;

    /**
     * @param guard the app's leak guard: the agent records the fingerprints of what it serves in it
     */
    public AgentHost(TaskRunner tasks, Clock clock, AgentPaths paths, Supplier<LeakGuard> guard, BannerModel banner) {
        this(tasks, clock, paths, guard, banner, null, null, null);
    }

    /**
     * @param guard the app's leak guard: the agent records the fingerprints of what it serves in it
     * @param activity where the agent records every read it serves (the Activity page shows them); null records none
     * @param approver asks the user before a launch reads a scope that asks for confirmation (null: the
     *     caller's terminal is asked, as with a headless agent)
     * @param config the app's config folder, whose {@code confirm-scopes} the agent honours (null: the user's)
     */
    public AgentHost(TaskRunner tasks, Clock clock, AgentPaths paths, Supplier<LeakGuard> guard, BannerModel banner,
                     LaunchLog activity, Approver approver, Path config) {
        this.activity = activity;
        this.approver = approver;
        this.config = config;
        this.tasks = tasks;
        this.clock = clock;
        this.paths = paths;
        this.guard = guard;
        this.banner = banner;
    }

    /** Serves {@code session} from now on (a session served before is dropped first). */
    public void serve(Session session) {
        stop();
        long mine = ++generation;
        state.set(State.STARTING);
        LeakGuard leakGuard = guard.get();
        tasks.run(() -> start(session, leakGuard), started -> {
            if (mine != generation) {
                started.server().ifPresent(AgentServer::close); // signed out while it started
                return;
            }
            if (started.server().isPresent()) {
                server = started.server().get();
                state.set(State.SERVING);
                banner.dismiss(KEY);
            } else {
                otherPid = started.otherPid();
                state.set(State.OTHER_AGENT);
                banner.show(new Notice(KEY, Notice.Severity.INFO, otherAgentText(started.otherPid()), List.of(), true));
            }
        }, failure -> {
            if (mine != generation) {
                return;
            }
            state.set(State.FAILED);
            banner.show(new Notice(KEY, Notice.Severity.WARNING, "The local agent did not start: "
                    + Failures.describe(failure) + " Latchkey commands in a terminal work on their own meanwhile.",
                    List.of(), true));
        });
    }

    private Started start(Session session, LeakGuard leakGuard) throws Exception {
        Optional<AgentClient> other = AgentClient.probe(paths, AgentClient.FALLBACK_TIMEOUT);
        if (other.isPresent()) {
            return new Started(Optional.empty(), other.get().pid());
        }
        AgentService service = new AgentService(session, clock, leakGuard, notice -> { },
                activity == null ? AgentAudit.NONE : new AgentAudit(activity, clock, problem -> { }));
        service.approver(approver);
        if (config != null) {
            service.localConfig(config);
        }
        service.warm();
        try {
            return new Started(Optional.of(AgentServer.start(paths, service, problem -> { })), -1);
        } catch (AgentBusyException e) {
            // Another agent bound the socket between the probe and the bind.
            return new Started(Optional.empty(), AgentClient.probe(paths, AgentClient.FALLBACK_TIMEOUT)
                    .map(AgentClient::pid).orElse(-1L));
        }
    }

    private record Started(Optional<AgentServer> server, long otherPid) {
    }

    static String otherAgentText(long pid) {
        return "Another Latchkey agent" + (pid > 0 ? " (pid " + pid + ")" : "") + " already serves this user's "
                + "latchkey commands, so the app leaves it running and does not serve its own. Stop that agent "
                + "and sign in again to let the app serve them.";
    }

    /** Stops serving (sign-out, switch): commands in a terminal work alone until the next sign-in. */
    public void stop() {
        generation++;
        if (server != null) {
            server.close();
            server = null;
        }
        otherPid = -1;
        state.set(State.STOPPED);
        banner.dismiss(KEY);
    }

    /** Where the agent stands, for the screens that show it. */
    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    /** Where the agent stands, in a sentence for the settings screen (no value, no token). */
    public String summary() {
        return switch (state.get()) {
            case STOPPED -> "Not running: nobody is signed in. Latchkey commands in a terminal work on their own.";
            case STARTING -> "Starting on " + paths.socket() + " …";
            case SERVING -> "Serving this user's latchkey commands on " + paths.socket() + " (one keychain read and "
                    + "one token refresh for all of them).";
            case OTHER_AGENT -> otherAgentText(otherPid);
            case FAILED -> "Not running: it did not start (the notice above says why). Latchkey commands in a "
                    + "terminal work on their own.";
        };
    }

    /** The process id of the other agent when {@link State#OTHER_AGENT}; -1 otherwise. */
    public long otherPid() {
        return otherPid;
    }

    /** The socket the app serves (or would serve) on. */
    public AgentPaths paths() {
        return paths;
    }

    @Override
    public void close() {
        stop();
    }
}
