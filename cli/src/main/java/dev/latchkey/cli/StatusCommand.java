package dev.latchkey.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.common.BrokerTarget;
import dev.latchkey.cli.common.CliContext;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.Json;
import dev.latchkey.cli.common.JsonOutput;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentCallException;
import dev.latchkey.core.agent.AgentCalls;
import dev.latchkey.core.agent.AgentMessages;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.Me;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.grammar.Durations;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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
     * For {@code main}: when {@code args} are a plain {@code latchkey status} (at most {@code --json}
     * and {@code --debug} beside it) that will read the session itself, starts opening that session
     * (the keychain, on a thread of its own) now, while picocli builds the command's model (about
     * 0.1 s). Its broker is found as the command finds it (no {@code --broker} in the words: the
     * environment or the last sign-in). Not when an agent's socket is there: then {@code status}
     * asks the agent and never opens the keychain. The command later gets this same session
     * ({@link CliContext#sessions()} makes one per broker), so it asks the keychain nothing more
     * than before, only sooner.
     */
    static void openSessionAhead(String[] args, CliContext ctx) {
        int named = 0;
        for (String a : args) {
            if (a.equals("status")) {
                named++;
            } else if (!a.equals("--json") && !a.equals("--debug")) {
                return;
            }
        }
        if (named != 1 || agentMayServe(ctx.env())) {
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
        URI url = cli.brokerUrl();
        Instant now = cli.context().clock().instant();
        Optional<AgentCalls> agent = cli.context().agent().apply(url);
        AgentMessages.Status viaAgent = null;
        if (agent.isPresent()) {
            try {
                viaAgent = agent.get().status();
            } catch (AgentCallException e) {
                cli.err().println("latchkey: " + e.getMessage() + "; working without it");
                cli.err().flush();
            }
        }
        Optional<User> user;
        Optional<Instant> expiry;
        List<User> others;
        boolean keychain = false;
        String storage = "";
        CompletableFuture<StorageMode> mode = null;
        BrokerClient client;
        if (viaAgent != null) {
            user = viaAgent.signedIn() ? Optional.of(new User("", viaAgent.user(), viaAgent.email(), List.of())) : Optional.empty();
            expiry = Optional.ofNullable(viaAgent.accessTokenExpiresAt()).map(Instant::parse);
            others = List.of();
            keychain = "keychain".equals(viaAgent.storage());
            storage = viaAgent.storageDetail();
            client = Latchkey.brokerClient(url, cli.context().tokens().apply(url));
        } else {
            Session session = cli.context().sessions().apply(url);
            // Made while the session is read from the keychain on a thread of its own.
            client = session.brokerClient();
            Optional<User> current = session.currentUser();
            user = current;
            expiry = session.accessTokenExpiry();
            others = session.accounts().stream()
                    .filter(u -> current.map(c -> !c.subject().equals(u.subject())).orElse(true)).toList();
            // Which keychain keeps the session is asked of it while the broker answers.
            mode = CompletableFuture.supplyAsync(session::storageMode, r -> Thread.ofPlatform().daemon().start(r));
        }
        Me me = user.isPresent() ? client.me() : null;
        if (mode != null) {
            keychain = mode.join() instanceof StorageMode.Keychain;
            storage = mode.join().describe();
        }
        String via = viaAgent == null ? null : "via agent (pid " + viaAgent.pid() + ")";
        PrintWriter out = cli.out();
        if (json.on()) {
            ObjectNode o = Json.object();
            o.put("broker", url.toString());
            o.put("signedIn", user.isPresent());
            user.ifPresent(u -> {
                o.put("user", u.name());
                o.put("email", u.email());
            });
            expiry.ifPresent(e -> o.put("accessTokenExpiresAt", e.toString()));
            var otherAccounts = o.putArray("otherAccounts");
            others.forEach(u -> otherAccounts.addObject().put("user", u.name()).put("email", u.email()));
            o.put("storage", keychain ? "keychain" : "memory-only");
            o.put("storageDetail", storage);
            if (viaAgent != null) {
                o.putObject("agent").put("pid", viaAgent.pid());
            }
            var grants = o.putArray("grants");
            if (me != null) {
                for (Grant g : me.grants()) {
                    var line = grants.addObject();
                    if (!g.id().isEmpty()) {
                        line.put("id", g.id());
                    }
                    line.put("scope", g.scope());
                    g.secrets().forEach(line.putArray("secrets")::add);
                    line.put("endsAt", g.endsAt().toString())
                            .put("secondsLeft", Math.max(0, Duration.between(now, g.endsAt()).toSeconds()));
                }
            }
            out.println(Json.pretty(o));
        } else {
            out.println("Broker:  " + url);
            out.println("User:    " + user.map(u -> u.name() + " <" + u.email() + ">").orElse("not signed in (latchkey login)"));
            expiry.ifPresent(e -> out.println("Session: access token valid until " + e + " (refreshed as needed)"));
            if (!others.isEmpty()) {
                out.println("Others:  " + SignInCommands.names(others) + " (latchkey switch ACCOUNT)");
            }
            out.println("Storage: " + storage);
            if (via != null) {
                out.println("Agent:   " + via);
            }
            if (me != null) {
                if (me.grants().isEmpty()) {
                    out.println("Grants:  none active");
                }
                for (Grant g : me.grants()) {
                    out.println("Grant:   " + g.what() + " until " + g.endsAt() + " ("
                            + Durations.format(Duration.between(now, g.endsAt())) + " left)");
                }
            }
        }
        out.flush();
        return user.isPresent() ? ExitCodes.OK : ExitCodes.NOT_SIGNED_IN;
    }
}
