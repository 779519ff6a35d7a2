package dev.latchkey.cli.agent;

import dev.latchkey.cli.common.CliContext;
import dev.latchkey.cli.common.CliErrors;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.LongRunning;
import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentAudit;
import dev.latchkey.core.agent.AgentBusyException;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.agent.AgentServer;
import dev.latchkey.core.agent.AgentService;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.launch.LaunchLog;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code latchkey agent}: serves the local agent without the desktop app, in the foreground, until
 * SIGTERM or SIGINT (then the socket is removed).
 */
@Command(name = "agent",
        description = {"Serve the local agent (docs/agent.md) in the foreground, without the desktop app.",
                "Other latchkey commands of this user then use its session: one keychain read, one refresh for all.",
                "Ctrl-C or SIGTERM stops it and removes its socket."},
        footer = {"", "The socket: $XDG_RUNTIME_DIR/latchkey/agent.sock (else ~/.config/latchkey/run/agent.sock),",
                "or $LATCHKEY_AGENT_SOCKET. Exit 1 when another agent already answers there, 2 when nobody is signed in."})
public final class AgentCommand implements Callable<Integer>, LongRunning {

    @Mixin
    Inherited cli;

    @Override
    public Integer call() throws Exception {
        CliContext ctx = cli.context();
        URI url = cli.brokerUrl();
        Session session = ctx.sessions().apply(url);
        User user = session.currentUser().orElseThrow(() -> new CliErrors.Failure(ExitCodes.NOT_SIGNED_IN,
                "nobody is signed in to " + url, "run: latchkey login --broker " + url));
        PrintWriter err = cli.err();
        Consumer<String> say = line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        };
        AgentService service = new AgentService(session, ctx.clock(), ctx.guard().get(), say,
                new AgentAudit(LaunchLog.inStateFolder(ctx.env()), ctx.clock(), say));
        service.warm();
        AgentServer server;
        try {
            server = AgentServer.start(AgentPaths.from(ctx.env()), service, say);
        } catch (AgentBusyException e) {
            throw new CliErrors.Failure(ExitCodes.USAGE, e.getMessage(), "latchkey status shows which agent answers");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            server.close();
            stopped.countDown();
        }));
        err.println("latchkey agent: serving " + url + " for " + user.name() + " on " + server.paths().socket()
                + " (pid " + ProcessHandle.current().pid() + "); Ctrl-C stops it");
        err.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
