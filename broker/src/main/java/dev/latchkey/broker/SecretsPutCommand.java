package dev.latchkey.broker;

import dev.latchkey.broker.audit.AuditEvent;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.policy.PolicyException;
import dev.latchkey.broker.policy.PolicyLoader;
import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.secrets.MasterKeyMismatchException;
import dev.latchkey.broker.secrets.SecretVault;
import dev.latchkey.broker.secrets.StoredSecret;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code latchkey-broker secrets put SCOPE NAME}: stores a value read from stdin, encrypted, with an audit row. */
@Command(name = "put", mixinStandardHelpOptions = true, synopsisHeading = "usage: ",
        description = {"Store a secret's value, read from stdin (one trailing newline dropped), never from the command "
                + "line. Writes straight to the database: stop a broker on an embedded H2 file first, or let an admin "
                + "write through the running broker (PUT /v1/admin/secrets/{team}/{env}/{name})."},
        footer = {"", "Example:", "  printf '%%s' \"$VALUE\" | latchkey-broker secrets put \\",
                "      payments/prod stripe-api-key \\",
                "      --db jdbc:h2:file:/var/lib/latchkey/broker \\",
                "      --master-key-file /etc/latchkey/master.key \\",
                "      --policy /etc/latchkey/policy.yaml"})
final class SecretsPutCommand implements Callable<Integer> {

    /** The largest value accepted, as over the API. */
    static final int MAX_VALUE_BYTES = 64 * 1024;

    @ParentCommand
    SecretsGroup group;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCOPE", description = "team/env, such as payments/prod.")
    String scope;

    @Parameters(index = "1", paramLabel = "NAME", description = "The secret's name: lower-case letters, digits, '.', '_' or '-'.")
    String name;

    @Mixin
    StoreOptions store;

    @Option(names = "--dev", hidden = true)
    boolean dev;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ScopeId id = ScopeId.parse(scope).orElse(null);
        if (id == null || !ScopeId.SEGMENT.matcher(name).matches()) {
            return BrokerMain.fail(spec, 2, "SCOPE is team/env and NAME lower-case letters, digits, '.', '_' or '-'");
        }
        if (dev) {
            return BrokerMain.fail(spec, 2, "secrets put writes to a persistent database; it has no meaning with --dev");
        }
        BrokerConfig config = store.applyTo(new BrokerConfig("127.0.0.1", 0, false));
        String value;
        try {
            byte[] bytes = group.root.stdin.readNBytes(MAX_VALUE_BYTES + 1);
            if (bytes.length > MAX_VALUE_BYTES) {
                return BrokerMain.fail(spec, 2, "a secret value may be at most 64 KiB");
            }
            value = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return BrokerMain.fail(spec, 1, "cannot read the value from stdin: " + e.getMessage());
        }
        // One trailing newline is what `echo` and editors add; it is never part of a value.
        if (value.endsWith("\n")) {
            value = value.substring(0, value.length() - (value.endsWith("\r\n") ? 2 : 1));
        }
        if (value.isEmpty()) {
            return BrokerMain.fail(spec, 2, "no value on stdin");
        }
        String jdbcUrl = config.database().orElse(BrokerConfig.DEFAULT_DATABASE);
        try {
            if (config.policyFile().isPresent() && PolicyLoader.load(config.policyFile().get()).scope(id).isEmpty()) {
                return BrokerMain.fail(spec, 2, "the policy has no scope " + id + "; add it there first");
            }
            try (Database db = Database.open(jdbcUrl)) {
                SecretVault vault = SecretVault.open(db, MasterKeys.load(config), config.clock());
                String actor = "cli:" + System.getProperty("user.name", "unknown");
                StoredSecret stored = vault.put(id, name, value, actor);
                new AuditLog(db, config.clock()).append(new AuditEvent(actor, "latchkey-broker secrets put",
                        "secret.put", id + "/" + name, "ok", "v" + stored.version()));
                out.println("stored " + id + "/" + name + " version " + stored.version());
                out.flush();
                return 0;
            }
        } catch (StoreException e) {
            return BrokerMain.fail(spec, 1, DatabaseInUse.explain(e, jdbcUrl, "Stop that broker first, or write through it: as a "
                    + "member of an admin group, PUT /v1/admin/secrets/" + id + "/" + name + " with {\"value\": ...} "
                    + "(docs/broker.md, Secrets)").orElse(e.getMessage()));
        } catch (PolicyException | MasterKeyMismatchException | BrokerStartException e) {
            return BrokerMain.fail(spec, 1, e.getMessage());
        }
    }

    /** {@code latchkey-broker secrets}: the group {@code put} belongs to. */
    @Command(name = "secrets", mixinStandardHelpOptions = true, synopsisHeading = "usage: ",
            description = "Write secret values straight to the broker's database.", subcommands = SecretsPutCommand.class)
    static final class SecretsGroup implements Callable<Integer> {

        @ParentCommand
        BrokerMain root;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return BrokerMain.needsSubcommand(spec, "put SCOPE NAME (the value comes from stdin)");
        }
    }
}
