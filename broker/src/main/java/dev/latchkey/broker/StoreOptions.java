package dev.latchkey.broker;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a broker's data, policy and master key are: shared by the server and {@code secrets put}. */
final class StoreOptions {

    @Option(names = "--policy", paramLabel = "FILE", description = "The policy file (YAML; see docs/broker.md).")
    Path policy;

    @Option(names = "--db", paramLabel = "JDBC-URL",
            description = "The database (default: an H2 file in latchkey-data under the working folder; PostgreSQL "
                    + "for several replicas).")
    String database;

    @Option(names = "--master-key-file", paramLabel = "F",
            description = "File holding the base64 master key (default: the environment variable LATCHKEY_MASTER_KEY).")
    Path masterKeyFile;

    /** {@code config} with these places, and the master key's source unless dev mode makes up its own. */
    BrokerConfig applyTo(BrokerConfig config) {
        BrokerConfig out = config;
        if (!config.devMode()) {
            out = out.withMasterKey(new MasterKeySource.EnvVar(MasterKeys.ENV_VAR));
        }
        if (policy != null) {
            out = out.withPolicyFile(policy);
        }
        if (database != null) {
            out = out.withDatabase(database);
        }
        if (masterKeyFile != null) {
            out = out.withMasterKey(new MasterKeySource.File(masterKeyFile));
        }
        return out;
    }
}
