package dev.latchkey.broker;

import dev.latchkey.broker.audit.AuditEvent;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.sandbox.SigningKeys;
import dev.latchkey.broker.secrets.MasterKey;
import dev.latchkey.broker.secrets.MasterKeyMismatchException;
import dev.latchkey.broker.secrets.MasterKeyRotation;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code latchkey-broker master-key rotate}: re-seals the database under a new master key, in one transaction. */
@Command(name = "master-key", mixinStandardHelpOptions = true, synopsisHeading = "usage: ",
        description = "The master key that seals every secret's data key and the token-signing keys.",
        subcommands = MasterKeyCommand.Rotate.class)
final class MasterKeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return BrokerMain.needsSubcommand(spec, "rotate");
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true, synopsisHeading = "usage: ",
            description = {"Re-seal the database under a new master key: every secret's data key, the token-signing "
                    + "keys and the key check move from the current key (--master-key-file, or LATCHKEY_MASTER_KEY) "
                    + "to the new one, in one transaction; values need no re-encryption. Stop every broker on the "
                    + "database first; then start them with the new key."},
            footer = {"", "Example:", "  openssl rand -base64 32 > /etc/latchkey/master.key.new",
                    "  latchkey-broker master-key rotate --db jdbc:h2:file:/var/lib/latchkey/broker \\",
                    "      --master-key-file /etc/latchkey/master.key \\",
                    "      --new-master-key-file /etc/latchkey/master.key.new"})
    static final class Rotate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Option(names = "--new-master-key-file", required = true, paramLabel = "F",
                description = "File holding the new base64 master key (openssl rand -base64 32).")
        Path newKeyFile;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            BrokerConfig config = store.applyTo(new BrokerConfig("127.0.0.1", 0, false));
            String url = config.database().orElse(BrokerConfig.DEFAULT_DATABASE);
            try {
                MasterKey from = MasterKeys.load(config);
                MasterKey to = MasterKeys.load(config.withMasterKey(new MasterKeySource.File(newKeyFile)));
                if (from.fingerprint().equals(to.fingerprint())) {
                    return BrokerMain.fail(spec, 2, "the new master key is the current one; make a new one with openssl rand -base64 32");
                }
                try (Database db = Database.open(url)) {
                    int[] counts = reseal(db, from, to);
                    new AuditLog(db, config.clock()).append(new AuditEvent("cli:" + System.getProperty("user.name",
                            "unknown"), "latchkey-broker master-key rotate", "master-key.rotate", from.fingerprint()
                            + " -> " + to.fingerprint(), "ok", counts[0] + " data keys, " + counts[1] + " signing keys"));
                    out.println("re-sealed " + counts[0] + " data keys and " + counts[1] + " signing keys under the new "
                            + "master key (fingerprint " + to.fingerprint() + "). Start the broker with it now; keep the "
                            + "old key until no backup you may restore needs it.");
                    out.flush();
                    return 0;
                }
            } catch (StoreException e) {
                return BrokerMain.fail(spec, 1, DatabaseInUse.explain(e, url, "Stop every broker on it first: the rotation needs "
                        + "the database to itself.").orElse(e.getMessage()));
            } catch (MasterKeyMismatchException | BrokerStartException e) {
                return BrokerMain.fail(spec, 1, e.getMessage());
            }
        }

        private static int[] reseal(Database db, MasterKey from, MasterKey to) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                try {
                    int secrets = MasterKeyRotation.reseal(c, from, to);
                    int signing = SigningKeys.reseal(c, from, to);
                    c.commit();
                    return new int[] {secrets, signing};
                } catch (SQLException | GeneralSecurityException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (GeneralSecurityException e) {
                throw new MasterKeyMismatchException("a sealed key does not open with the current master key; nothing "
                        + "was changed");
            } catch (SQLException e) {
                throw new StoreException("cannot re-seal the database: " + e.getMessage(), e);
            }
        }

    }
}
