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
 * with a {@code with...} method, or several components at once with {@link #toBuilder()}; every
 * component has a safe default.
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
 * @param signIn what clients ask the IdP for, and what the broker checks about the IdP at start
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
        SignIn signIn,
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
        if (grantWarning.isNegative()) {
            throw new IllegalArgumentException("grantWarning must not be negative");
        }
        if (bulkSecrets < 0) {
            throw new IllegalArgumentException("bulkSecrets must not be negative");
        }
        Objects.requireNonNull(signIn, "signIn");
        Objects.requireNonNull(limits, "limits");
    }

    /** The original three-part form: everything else at its default. */
    public BrokerConfig(String host, int port, boolean devMode) {
        this(new BrokerConfigBuilder().host(host).port(port).devMode(devMode).build());
    }

    private BrokerConfig(BrokerConfig built) {
        this(built.host, built.port, built.devMode, built.clock, built.devTokenTtl, built.devDeviceCodeTtl,
                built.devPollInterval, built.issuer, built.clientId, built.groupsClaim, built.policyFile, built.database,
                built.masterKey, built.tls, built.insecureHttp, built.bulkSecrets, built.grantWarning, built.signIn, built.limits);
    }

    /** A development broker on a free loopback port: what the app's demo and tests use. */
    public static BrokerConfig dev() {
        return new BrokerConfig("127.0.0.1", 0, true);
    }

    /** A production broker on loopback port 8443 trusting tokens from {@code issuer}. */
    public static BrokerConfig production(URI issuer) {
        return new BrokerConfig("127.0.0.1", 8443, false).withIssuer(issuer);
    }

    /** A builder holding every component at its default: loopback, port 8443, production mode. */
    public static BrokerConfigBuilder builder() {
        return new BrokerConfigBuilder();
    }

    /** A builder holding this configuration, to change several components at once. */
    public BrokerConfigBuilder toBuilder() {
        return new BrokerConfigBuilder(this);
    }

    public BrokerConfig withHost(String value) {
        return toBuilder().host(value).build();
    }

    public BrokerConfig withPort(int value) {
        return toBuilder().port(value).build();
    }

    public BrokerConfig withClock(Clock value) {
        return toBuilder().clock(value).build();
    }

    public BrokerConfig withDevTokenTtl(Duration value) {
        return toBuilder().devTokenTtl(value).build();
    }

    public BrokerConfig withDevDeviceCodeTtl(Duration value) {
        return toBuilder().devDeviceCodeTtl(value).build();
    }

    public BrokerConfig withDevPollInterval(Duration value) {
        return toBuilder().devPollInterval(value).build();
    }

    public BrokerConfig withIssuer(URI value) {
        return toBuilder().issuer(Optional.of(value)).build();
    }

    public BrokerConfig withClientId(String value) {
        return toBuilder().clientId(value).build();
    }

    public BrokerConfig withGroupsClaim(String value) {
        return toBuilder().groupsClaim(value).build();
    }

    public BrokerConfig withPolicyFile(Path value) {
        return toBuilder().policyFile(Optional.of(value)).build();
    }

    public BrokerConfig withDatabase(String jdbcUrl) {
        return toBuilder().database(Optional.of(jdbcUrl)).build();
    }

    public BrokerConfig withMasterKey(MasterKeySource value) {
        return toBuilder().masterKey(Optional.of(value)).build();
    }

    public BrokerConfig withTls(TlsConfig value) {
        return toBuilder().tls(Optional.of(value)).build();
    }

    public BrokerConfig withInsecureHttp(boolean value) {
        return toBuilder().insecureHttp(value).build();
    }

    public BrokerConfig withBulkSecrets(int value) {
        return toBuilder().bulkSecrets(value).build();
    }

    public BrokerConfig withGrantWarning(Duration value) {
        return toBuilder().grantWarning(value).build();
    }

    public BrokerConfig withSignIn(SignIn value) {
        return toBuilder().signIn(value).build();
    }

    public BrokerConfig withLimits(ServerLimits value) {
        return toBuilder().limits(value).build();
    }
}
