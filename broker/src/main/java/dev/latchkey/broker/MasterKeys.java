package dev.latchkey.broker;

import dev.latchkey.broker.secrets.MasterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** Finds the master key a broker was started with. */
final class MasterKeys {

    /** The environment variable a production broker reads its master key from by default. */
    static final String ENV_VAR = "LATCHKEY_MASTER_KEY";

    private MasterKeys() {
    }

    static MasterKey load(BrokerConfig config) {
        if (config.masterKey().isEmpty()) {
            if (config.devMode()) {
                return MasterKey.random();
            }
            throw new BrokerStartException("no master key: give --master-key-file FILE or set " + ENV_VAR
                    + " to the base64 of 32 random bytes (openssl rand -base64 32). Keep it away from the database.");
        }
        try {
            return switch (config.masterKey().get()) {
                case MasterKeySource.Bytes b -> MasterKey.of(b.key());
                case MasterKeySource.File f -> {
                    try {
                        yield MasterKey.fromBase64(Files.readString(f.path(), StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        throw new BrokerStartException("cannot read the master key file " + f.path() + ": " + e.getMessage(), e);
                    }
                }
                case MasterKeySource.EnvVar v -> {
                    String text = System.getenv(v.name());
                    if (text == null || text.isBlank()) {
                        throw new BrokerStartException("the environment variable " + v.name()
                                + " holding the master key is not set");
                    }
                    yield MasterKey.fromBase64(text);
                }
            };
        } catch (IllegalArgumentException e) {
            throw new BrokerStartException("the master key is not usable: " + e.getMessage(), e);
        }
    }
}
