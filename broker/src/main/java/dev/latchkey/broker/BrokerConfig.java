package dev.latchkey.broker;

import dev.latchkey.broker.server.ServerLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a broker is started. Build one from {@link #dev()} or {@link #production(URI)} and adjust it
 * with the {@code with...} methods; every component has a safe default.
 *
 * @param host address to bind; loopback unless an operator says otherwise
 * @param port TCP port, 0 for any free one
 * @param devMode development mode: in-memory store, seeded demo organisation, built-in IdP
 * @param clock the broker's only source of time (token checks, audit, dev IdP lifetimes)
 * @param devTokenTtl lifetime of access tokens the built-in dev IdP issues
 * @param devDeviceCodeTtl lifetime of a device code at the dev IdP
 * @param devPollInterval the polling interval the dev IdP asks device-flow clients for
 * @param issuer the OIDC issuer whose tokens the broker accepts; empty in dev mode, where it is
 *     the broker's own {@code /dev-idp}
 * @param clientId the OIDC client id clients sign in with; access tokens must name it in
 *     {@code aud} or {@code azp}
 * @param groupsClaim the token claim that lists the caller's groups
 * @param policyFile the policy file; empty in dev mode means the bundled demo policy
 * @param database JDBC URL; empty means an H2 file beside the working directory (in-memory in dev)
 * @param masterKey where the master key comes from; empty in dev mode means a random one
 * @param tls PKCS#12 keystore for HTTPS; empty means plain HTTP
 * @param insecureHttp allow plain HTTP on a non-loopback address
 * @param bulkSecrets extra generated secrets to seed in dev mode (for performance tests); 0 for none
 * @param grantWarning how long before a grant ends its holder hears {@code grant.ending-soon}
 * @param limits what one client may take of the server: request read time, connections per address
 */
public record BrokerConfig(
        String host,
        int port,
        boolean devMode,
        Clock clock,
        Duration devTokenTtl,
        Duration devDeviceCodeTtl,
        Duration devPollInterval,
        Optional<URI> issuer,
        String clientId,
        String groupsClaim,
        Optional<Path> policyFile,
        Optional<String> database,
        Optional<MasterKeySource> masterKey,
        Optional<TlsConfig> tls,
        boolean insecureHttp,
        int bulkSecrets,
        Duration grantWarning,
        ServerLimits limits) {

    /** Where a production broker keeps its data when no {@code --db} is given: an H2 file. */
    public static final String DEFAULT_DATABASE = "jdbc:h2:file:./latchkey-data/broker";

    /** How long before a grant ends its holder is warned, unless {@code --grant-warning} says otherwise. */
    public static final Duration DEFAULT_GRANT_WARNING = Duration.ofMinutes(15);

    /** The client id Latchkey's own clients use. */
    public static final String DEFAULT_CLIENT_ID = "latchkey";

    public BrokerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(devTokenTtl, "devTokenTtl");
        Objects.requireNonNull(devDeviceCodeTtl, "devDeviceCodeTtl");
        Objects.requireNonNull(devPollInterval, "devPollInterval");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(groupsClaim, "groupsClaim");
        Objects.requireNonNull(policyFile, "policyFile");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(masterKey, "masterKey");
        Objects.requireNonNull(tls, "tls");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(grantWarning, "grantWarning");
        Objects.requireNonNull(limits, "limits");
        if (grantWarning.isNegative()) {
            throw new IllegalArgumentException("grantWarning must not be negative");
        }
        if (bulkSecrets < 0) {
            throw new IllegalArgumentException("bulkSecrets must not be negative");
        }
    }

    /** The original three-part form: everything else at its default. */
    public BrokerConfig(String host, int port, boolean devMode) {
        this(host, port, devMode, Clock.systemUTC(), Duration.ofMinutes(15), Duration.ofMinutes(10),
                Duration.ofSeconds(5), Optional.empty(), DEFAULT_CLIENT_ID, "groups", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, 0, DEFAULT_GRANT_WARNING,
                ServerLimits.DEFAULTS);
    }

    /** A development broker on a free loopback port: what the app's demo and tests use. */
    public static BrokerConfig dev() {
        return new BrokerConfig("127.0.0.1", 0, true);
    }

    /** A production broker on loopback port 8443 trusting tokens from {@code issuer}. */
    public static BrokerConfig production(URI issuer) {
        return new BrokerConfig("127.0.0.1", 8443, false).withIssuer(issuer);
    }

    public BrokerConfig withHost(String value) {
        return new BrokerConfig(value, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                issuer, clientId, groupsClaim, policyFile, database, masterKey, tls, insecureHttp, bulkSecrets,
                grantWarning, limits);
    }

    public BrokerConfig withPort(int value) {
        return new BrokerConfig(host, value, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                issuer, clientId, groupsClaim, policyFile, database, masterKey, tls, insecureHttp, bulkSecrets,
                grantWarning, limits);
    }

    public BrokerConfig withClock(Clock value) {
        return new BrokerConfig(host, port, devMode, value, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                issuer, clientId, groupsClaim, policyFile, database, masterKey, tls, insecureHttp, bulkSecrets,
                grantWarning, limits);
    }

    public BrokerConfig withDevTokenTtl(Duration value) {
        return new BrokerConfig(host, port, devMode, clock, value, devDeviceCodeTtl, devPollInterval,
                issuer, clientId, groupsClaim, policyFile, database, masterKey, tls, insecureHttp, bulkSecrets,
                grantWarning, limits);
    }

    public BrokerConfig withDevDeviceCodeTtl(Duration value) {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, value, devPollInterval,
                issuer, clientId, groupsClaim, policyFile, database, masterKey, tls, insecureHttp, bulkSecrets,
                grantWarning, limits);
    }

    public BrokerConfig withDevPollInterval(Duration value) {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, value,
                issuer, clientId, groupsClaim, policyFile, database, masterKey, tls, insecureHttp, bulkSecrets,
                grantWarning, limits);
    }

    public BrokerConfig withIssuer(URI value) {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                Optional.of(value), clientId, groupsClaim, policyFile, database, masterKey, tls, insecureHttp,
                bulkSecrets, grantWarning, limits);
    }

    public BrokerConfig withClientId(String value) {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                issuer, value, groupsClaim, policyFile, database, masterKey, tls, insecureHttp, bulkSecrets,
                grantWarning, limits);
    }

    public BrokerConfig withGroupsClaim(String value) {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                issuer, clientId, value, policyFile, database, masterKey, tls, insecureHttp, bulkSecrets,
                grantWarning, limits);
    }

    public BrokerConfig withPolicyFile(Path value) {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                issuer, clientId, groupsClaim, Optional.of(value), database, masterKey, tls, insecureHttp,
                bulkSecrets, grantWarning, limits);
    }

    public BrokerConfig withDatabase(String jdbcUrl) {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                issuer, clientId, groupsClaim, policyFile, Optional.of(jdbcUrl), masterKey, tls, insecureHttp,
                bulkSecrets, grantWarning, limits);
    }

    public BrokerConfig withMasterKey(MasterKeySource value) {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                issuer, clientId, groupsClaim, policyFile, database, Optional.of(value), tls, insecureHttp,
                bulkSecrets, grantWarning, limits);
    }

    public BrokerConfig withTls(TlsConfig value) {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                issuer, clientId, groupsClaim, policyFile, database, masterKey, Optional.of(value), insecureHttp,
                bulkSecrets, grantWarning, limits);
    }

    public BrokerConfig withInsecureHttp(boolean value) {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                issuer, clientId, groupsClaim, policyFile, database, masterKey, tls, value, bulkSecrets,
                grantWarning, limits);
    }

    public BrokerConfig withBulkSecrets(int value) {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                issuer, clientId, groupsClaim, policyFile, database, masterKey, tls, insecureHttp, value, grantWarning,
                limits);
    }

    public BrokerConfig withGrantWarning(Duration value) {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                issuer, clientId, groupsClaim, policyFile, database, masterKey, tls, insecureHttp, bulkSecrets, value,
                limits);
    }

    public BrokerConfig withLimits(ServerLimits value) {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval,
                issuer, clientId, groupsClaim, policyFile, database, masterKey, tls, insecureHttp, bulkSecrets,
                grantWarning, value);
    }

    /** Where the master key comes from: a file holding it, or an environment variable. */
    public sealed interface MasterKeySource {
        /** A file whose content is the base64 of 32 random bytes. */
        record File(Path path) implements MasterKeySource {
        }

        /** An environment variable holding the base64 of 32 random bytes. */
        record EnvVar(String name) implements MasterKeySource {
        }

        /** The key itself, for embedding and tests. {@link #toString()} hides it. */
        record Bytes(byte[] key) implements MasterKeySource {
            @Override
            public String toString() {
                return "Bytes[<hidden>]";
            }

            @Override
            public boolean equals(Object other) {
                return other instanceof Bytes b && java.util.Arrays.equals(key, b.key);
            }

            @Override
            public int hashCode() {
                return java.util.Arrays.hashCode(key);
            }
        }
    }

    /**
     * HTTPS from a PKCS#12 keystore.
     *
     * @param keystore the .p12 file holding the key and certificate chain
     * @param password its password (read from an environment variable, never argv)
     */
    public record TlsConfig(Path keystore, char[] password) {
        @Override
        public String toString() {
            return "TlsConfig[" + keystore + ", password=<hidden>]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TlsConfig t && keystore.equals(t.keystore)
                    && java.util.Arrays.equals(password, t.password);
        }

        @Override
        public int hashCode() {
            return keystore.hashCode();
        }
    }
}
