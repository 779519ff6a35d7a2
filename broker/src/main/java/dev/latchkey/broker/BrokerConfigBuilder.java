package dev.latchkey.broker;

import dev.latchkey.broker.server.ServerLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds a {@link BrokerConfig} component by component; the only caller of the canonical
 * constructor, so a new component is added in one place. {@link #build()} checks what the
 * constructor checks.
 */
public final class BrokerConfigBuilder {

    private String host;
    private int port;
    private boolean devMode;
    private Clock clock;
    private Duration devTokenTtl;
    private Duration devDeviceCodeTtl;
    private Duration devPollInterval;
    private Optional<URI> issuer;
    private String clientId;
    private String groupsClaim;
    private Optional<Path> policyFile;
    private Optional<String> database;
    private Optional<MasterKeySource> masterKey;
    private Optional<TlsConfig> tls;
    private boolean insecureHttp;
    private int bulkSecrets;
    private Duration grantWarning;
    private SignIn signIn;
    private ServerLimits limits;

    BrokerConfigBuilder() {
        host = "127.0.0.1";
        port = 8443;
        clock = Clock.systemUTC();
        devTokenTtl = Duration.ofMinutes(15);
        devDeviceCodeTtl = Duration.ofMinutes(10);
        devPollInterval = Duration.ofSeconds(5);
        issuer = Optional.empty();
        clientId = BrokerConfig.DEFAULT_CLIENT_ID;
        groupsClaim = "groups";
        policyFile = Optional.empty();
        database = Optional.empty();
        masterKey = Optional.empty();
        tls = Optional.empty();
        grantWarning = BrokerConfig.DEFAULT_GRANT_WARNING;
        signIn = SignIn.DEFAULT;
        limits = ServerLimits.DEFAULTS;
    }

    BrokerConfigBuilder(BrokerConfig from) {
        this.host = from.host();
        this.port = from.port();
        this.devMode = from.devMode();
        this.clock = from.clock();
        this.devTokenTtl = from.devTokenTtl();
        this.devDeviceCodeTtl = from.devDeviceCodeTtl();
        this.devPollInterval = from.devPollInterval();
        this.issuer = from.issuer();
        this.clientId = from.clientId();
        this.groupsClaim = from.groupsClaim();
        this.policyFile = from.policyFile();
        this.database = from.database();
        this.masterKey = from.masterKey();
        this.tls = from.tls();
        this.insecureHttp = from.insecureHttp();
        this.bulkSecrets = from.bulkSecrets();
        this.grantWarning = from.grantWarning();
        this.signIn = from.signIn();
        this.limits = from.limits();
    }

    /** Sets {@link BrokerConfig#host()}. */
    public BrokerConfigBuilder host(String value) { this.host = value; return this; }

    /** Sets {@link BrokerConfig#port()}. */
    public BrokerConfigBuilder port(int value) { this.port = value; return this; }

    /** Sets {@link BrokerConfig#devMode()}. */
    public BrokerConfigBuilder devMode(boolean value) { this.devMode = value; return this; }

    /** Sets {@link BrokerConfig#clock()}. */
    public BrokerConfigBuilder clock(Clock value) { this.clock = value; return this; }

    /** Sets {@link BrokerConfig#devTokenTtl()}. */
    public BrokerConfigBuilder devTokenTtl(Duration value) { this.devTokenTtl = value; return this; }

    /** Sets {@link BrokerConfig#devDeviceCodeTtl()}. */
    public BrokerConfigBuilder devDeviceCodeTtl(Duration value) { this.devDeviceCodeTtl = value; return this; }

    /** Sets {@link BrokerConfig#devPollInterval()}. */
    public BrokerConfigBuilder devPollInterval(Duration value) { this.devPollInterval = value; return this; }

    /** Sets {@link BrokerConfig#issuer()}. */
    public BrokerConfigBuilder issuer(Optional<URI> value) { this.issuer = value; return this; }

    /** Sets {@link BrokerConfig#clientId()}. */
    public BrokerConfigBuilder clientId(String value) { this.clientId = value; return this; }

    /** Sets {@link BrokerConfig#groupsClaim()}. */
    public BrokerConfigBuilder groupsClaim(String value) { this.groupsClaim = value; return this; }

    /** Sets {@link BrokerConfig#policyFile()}. */
    public BrokerConfigBuilder policyFile(Optional<Path> value) { this.policyFile = value; return this; }

    /** Sets {@link BrokerConfig#database()}. */
    public BrokerConfigBuilder database(Optional<String> value) { this.database = value; return this; }

    /** Sets {@link BrokerConfig#masterKey()}. */
    public BrokerConfigBuilder masterKey(Optional<MasterKeySource> value) { this.masterKey = value; return this; }

    /** Sets {@link BrokerConfig#tls()}. */
    public BrokerConfigBuilder tls(Optional<TlsConfig> value) { this.tls = value; return this; }

    /** Sets {@link BrokerConfig#insecureHttp()}. */
    public BrokerConfigBuilder insecureHttp(boolean value) { this.insecureHttp = value; return this; }

    /** Sets {@link BrokerConfig#bulkSecrets()}. */
    public BrokerConfigBuilder bulkSecrets(int value) { this.bulkSecrets = value; return this; }

    /** Sets {@link BrokerConfig#grantWarning()}. */
    public BrokerConfigBuilder grantWarning(Duration value) { this.grantWarning = value; return this; }

    /** Sets {@link BrokerConfig#signIn()}. */
    public BrokerConfigBuilder signIn(SignIn value) { this.signIn = value; return this; }

    /** Sets {@link BrokerConfig#limits()}. */
    public BrokerConfigBuilder limits(ServerLimits value) { this.limits = value; return this; }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException when a component is out of range
     * @throws NullPointerException when a component is missing
     */
    public BrokerConfig build() {
        return new BrokerConfig(host, port, devMode, clock, devTokenTtl, devDeviceCodeTtl, devPollInterval, issuer, clientId,
                groupsClaim, policyFile, database, masterKey, tls, insecureHttp, bulkSecrets, grantWarning, signIn, limits);
    }
}
