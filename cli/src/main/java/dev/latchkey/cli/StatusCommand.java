package dev.latchkey.cli;

import dev.latchkey.cli.common.BrokerTarget;
import dev.latchkey.cli.common.CliContext;
import dev.latchkey.cli.common.CliErrors;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.core.agent.AgentPaths;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code latchkey status}: who is signed in, until when, where the session is kept, and active grants. */
@Command(name = "status", description = "Show who is signed in, the session's expiry, where it is kept, and your active grants.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    Inherited cli;

    @Mixin
    JsonOutput json;

    /**
     * For {@code main}: when {@code args} are a plain {@code latchkey status} (the words {@link #plain}
     * takes, and only those: {@link #executePlain} answers them) that will read the session itself,
     * starts opening that session (the keychain, on a thread of its own) now, while the command's own
     * classes load. Anything else is picocli's to read, and may be refused before any session is read.
     * Its broker is found as the command finds it (no {@code --broker} in the words: the
     * environment or the last sign-in). Not when an agent's socket is there: then {@code status}
     * asks the agent and never opens the keychain. The command later gets this same session
     * ({@link CliContext#sessions()} makes one per broker), so it asks the keychain nothing more
     * than before, only sooner.
     */
    static void openSessionAhead(String[] args, CliContext ctx) {
        if (plain(args).isEmpty() || agentMayServe(ctx.env())) {
            return;
        }
        URI url;
        try {
            url = BrokerTarget.url(null, ctx);
        } catch (RuntimeException noBroker) {
            return; // the command reports it in its own words
        }
        ctx.sessions().apply(url);
    }

    private static boolean agentMayServe(Map<String, String> env) {
        return !"off".equalsIgnoreCase(env.getOrDefault("LATCHKEY_AGENT", ""))
                && Files.exists(AgentPaths.from(env).socket());
    }

    @Override
    public Integer call() throws Exception {
        return StatusReport.print(cli.context(), cli.brokerUrl(), json.on(), cli.out(), cli.err());
    }

    /**
     * For {@code main} and {@link LatchkeyCommand#execute}: a plain {@code latchkey status} (the
     * words {@link #plain} takes) answered without picocli, exactly as the command answers it.
     * Building picocli's model of root and status took about 0.1 s of CPU on a 2-core machine while
     * the keychain's tools and the broker needed it: annotations read through seven dynamic proxies
     * and field accessors spun as method handles, none of which an AOT cache can hold.
     *
     * @return the exit code; empty when {@code args} are not a plain status, for picocli to read
     */
    static OptionalInt executePlain(String[] args, CliContext ctx, PrintWriter out, PrintWriter err) {
        Optional<Boolean> json = plain(args);
        if (json.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(StatusReport.print(ctx, BrokerTarget.url(null, ctx), json.get(), out, err));
        } catch (Exception e) {
            return OptionalInt.of(CliErrors.print(e, err, Arrays.asList(args).contains("--debug")));
        }
    }

    /**
     * Whether {@code args} are {@code status} with at most {@code --json} after it and
     * {@code --debug} anywhere, each once (picocli refuses an option given twice): then whether
     * {@code --json} was given. Empty for anything else ({@code --broker}, {@code --help}, ...).
     */
    static Optional<Boolean> plain(String[] args) {
        boolean named = false;
        boolean json = false;
        boolean debug = false;
        for (String a : args) {
            if (a.equals("status") && !named) {
                named = true;
            } else if (a.equals("--json") && named && !json) {
                json = true;
            } else if (a.equals("--debug") && !debug) {
                debug = true;
            } else {
                return Optional.empty();
            }
        }
        return named ? Optional.of(json) : Optional.empty();
    }
}
