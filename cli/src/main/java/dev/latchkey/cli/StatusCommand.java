package dev.latchkey.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.Session;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code latchkey status}: who is signed in, until when, where the session is kept, and active grants. */
@Command(name = "status", description = "Show who is signed in, the session's expiry, where it is kept, and your active grants.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    LatchkeyCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        URI url = BrokerTarget.url(root.brokerOption(), root.context());
        Session session = root.context().sessions().apply(url);
        Optional<User> user = session.currentUser();
        StorageMode mode = session.storageMode();
        Instant now = root.context().clock().instant();
        Me me = user.isPresent() ? new BrokerClient(url, session.bearerToken()).me() : null;
        Optional<Instant> expiry = session.accessTokenExpiry();
        List<User> others = session.accounts().stream()
                .filter(u -> user.map(c -> !c.subject().equals(u.subject())).orElse(true)).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            o.put("broker", url.toString());
            o.put("signedIn", user.isPresent());
            user.ifPresent(u -> {
                o.put("user", u.name());
                o.put("email", u.email());
            });
            expiry.ifPresent(e -> o.put("accessTokenExpiresAt", e.toString()));
            var otherAccounts = o.putArray("otherAccounts");
            others.forEach(u -> otherAccounts.addObject().put("user", u.name()).put("email", u.email()));
            o.put("storage", mode instanceof StorageMode.Keychain ? "keychain" : "memory-only");
            o.put("storageDetail", mode.describe());
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
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } else {
            out.println("Broker:  " + url);
            out.println("User:    " + user.map(u -> u.name() + " <" + u.email() + ">").orElse("not signed in (latchkey login)"));
            expiry.ifPresent(e -> out.println("Session: access token valid until " + e + " (refreshed as needed)"));
            if (!others.isEmpty()) {
                out.println("Others:  " + SignInCommands.names(others) + " (latchkey switch ACCOUNT)");
            }
            out.println("Storage: " + mode.describe());
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
