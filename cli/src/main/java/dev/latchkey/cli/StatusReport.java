package dev.latchkey.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.common.CliContext;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.cli.common.Json;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentCallException;
import dev.latchkey.core.agent.AgentCalls;
import dev.latchkey.core.agent.AgentMessages;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.Me;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.grammar.Durations;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What {@code latchkey status} prints, from its world and broker: shared by the picocli command
 * ({@link StatusCommand#call}) and the plain status {@code main} answers without a command model
 * ({@link StatusCommand#executePlain}), so both answer alike.
 */
final class StatusReport {

    private StatusReport() {
    }

    /**
     * Prints who is signed in at {@code url}, until when, where the session is kept and the active
     * grants; asks a running agent first.
     *
     * @return the exit code: 0 signed in, 2 not
     */
    static int print(CliContext ctx, URI url, boolean json, PrintWriter out, PrintWriter err) throws Exception {
        Instant now = ctx.clock().instant();
        Optional<AgentCalls> agent = ctx.agent().apply(url);
        AgentMessages.Status viaAgent = null;
        if (agent.isPresent()) {
            try {
                viaAgent = agent.get().status();
            } catch (AgentCallException e) {
                err.println("latchkey: " + e.getMessage() + "; working without it");
                err.flush();
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
            client = Latchkey.brokerClient(url, ctx.tokens().apply(url));
        } else {
            Session session = ctx.sessions().apply(url);
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
        if (json) {
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
