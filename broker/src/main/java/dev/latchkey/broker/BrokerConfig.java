package dev.latchkey.broker;

import dev.latchkey.broker.server.ServerLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
        this(new Builder().host(host).port(port).devMode(devMode).build());
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
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change several components at once. */
    public Builder toBuilder() {
        return new Builder(this);
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

    /**
     * Builds a {@link BrokerConfig} component by component; the only caller of the canonical
     * constructor, so a new component is added in one place. {@link #build()} checks what the
     * constructor checks.
     */
    public static final class Builder {

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

        private Builder() {
            host = "127.0.0.1";
            port = 8443;
            clock = Clock.systemUTC();
            devTokenTtl = Duration.ofMinutes(15);
            devDeviceCodeTtl = Duration.ofMinutes(10);
            devPollInterval = Duration.ofSeconds(5);
            issuer = Optional.empty();
            clientId = DEFAULT_CLIENT_ID;
            groupsClaim = "groups";
            policyFile = Optional.empty();
            database = Optional.empty();
            masterKey = Optional.empty();
            tls = Optional.empty();
            grantWarning = DEFAULT_GRANT_WARNING;
            signIn = SignIn.DEFAULT;
            limits = ServerLimits.DEFAULTS;
        }

        private Builder(BrokerConfig from) {
            this.host = from.host;
            this.port = from.port;
            this.devMode = from.devMode;
            this.clock = from.clock;
            this.devTokenTtl = from.devTokenTtl;
            this.devDeviceCodeTtl = from.devDeviceCodeTtl;
            this.devPollInterval = from.devPollInterval;
            this.issuer = from.issuer;
            this.clientId = from.clientId;
            this.groupsClaim = from.groupsClaim;
            this.policyFile = from.policyFile;
            this.database = from.database;
            this.masterKey = from.masterKey;
            this.tls = from.tls;
            this.insecureHttp = from.insecureHttp;
            this.bulkSecrets = from.bulkSecrets;
            this.grantWarning = from.grantWarning;
            this.signIn = from.signIn;
            this.limits = from.limits;
        }

        /** Sets {@link BrokerConfig#host()}. */
        public Builder host(String value) { this.host = value; return this; }

        /** Sets {@link BrokerConfig#port()}. */
        public Builder port(int value) { this.port = value; return this; }

        /** Sets {@link BrokerConfig#devMode()}. */
        public Builder devMode(boolean value) { this.devMode = value; return this; }

        /** Sets {@link BrokerConfig#clock()}. */
        public Builder clock(Clock value) { this.clock = value; return this; }

        /** Sets {@link BrokerConfig#devTokenTtl()}. */
        public Builder devTokenTtl(Duration value) { this.devTokenTtl = value; return this; }

        /** Sets {@link BrokerConfig#devDeviceCodeTtl()}. */
        public Builder devDeviceCodeTtl(Duration value) { this.devDeviceCodeTtl = value; return this; }

        /** Sets {@link BrokerConfig#devPollInterval()}. */
        public Builder devPollInterval(Duration value) { this.devPollInterval = value; return this; }

        /** Sets {@link BrokerConfig#issuer()}. */
        public Builder issuer(Optional<URI> value) { this.issuer = value; return this; }

        /** Sets {@link BrokerConfig#clientId()}. */
        public Builder clientId(String value) { this.clientId = value; return this; }

        /** Sets {@link BrokerConfig#groupsClaim()}. */
        public Builder groupsClaim(String value) { this.groupsClaim = value; return this; }

        /** Sets {@link BrokerConfig#policyFile()}. */
        public Builder policyFile(Optional<Path> value) { this.policyFile = value; return this; }

        /** Sets {@link BrokerConfig#database()}. */
        public Builder database(Optional<String> value) { this.database = value; return this; }

        /** Sets {@link BrokerConfig#masterKey()}. */
        public Builder masterKey(Optional<MasterKeySource> value) { this.masterKey = value; return this; }

        /** Sets {@link BrokerConfig#tls()}. */
        public Builder tls(Optional<TlsConfig> value) { this.tls = value; return this; }

        /** Sets {@link BrokerConfig#insecureHttp()}. */
        public Builder insecureHttp(boolean value) { this.insecureHttp = value; return this; }

        /** Sets {@link BrokerConfig#bulkSecrets()}. */
        public Builder bulkSecrets(int value) { this.bulkSecrets = value; return this; }

        /** Sets {@link BrokerConfig#grantWarning()}. */
        public Builder grantWarning(Duration value) { this.grantWarning = value; return this; }

        /** Sets {@link BrokerConfig#signIn()}. */
        public Builder signIn(SignIn value) { this.signIn = value; return this; }

        /** Sets {@link BrokerConfig#limits()}. */
        public Builder limits(ServerLimits value) { this.limits = value; return this; }

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

    /**
     * How clients sign in at the IdP, and what the broker checks about the IdP before it serves.
     *
     * @param scopes the OAuth scopes clients ask for, space-separated ({@code /.well-known/latchkey}
     *     names them); {@code offline_access} is added by {@code offlineAccess}, never here
     * @param offlineAccess ask for {@code offline_access} too, when the IdP lists it: sessions that
     *     outlive the IdP's own session (the IdP must allow it for the client and the user)
     * @param check what a start does when the IdP does not fit (dev mode never checks: it is its own IdP)
     */
    public record SignIn(String scopes, boolean offlineAccess, IdpCheck check) {

        /** What clients ask for unless the operator says otherwise: what every OIDC provider grants. */
        public static final String DEFAULT_SCOPES = "openid profile email";
        /** The scope that asks for a refresh token outliving the IdP's session. */
        public static final String OFFLINE_ACCESS = "offline_access";
        /** The defaults: no offline access, no check (the server binary turns the check on). */
        public static final SignIn DEFAULT = new SignIn(DEFAULT_SCOPES, false, IdpCheck.SKIP);

        public SignIn {
            Objects.requireNonNull(scopes, "scopes");
            Objects.requireNonNull(check, "check");
            List<String> words = List.of(scopes.strip().split("\\s+"));
            if (!words.contains("openid")) {
                throw new IllegalArgumentException("the sign-in scopes must include openid (clients need an ID token)");
            }
            if (words.contains(OFFLINE_ACCESS)) {
                throw new IllegalArgumentException("offline_access is not a scope to list; turn on offline access instead");
            }
            scopes = String.join(" ", words);
        }

        public SignIn withScopes(String value) {
            return new SignIn(value, offlineAccess, check);
        }

        public SignIn withOfflineAccess(boolean value) {
            return new SignIn(scopes, value, check);
        }

        public SignIn withCheck(IdpCheck value) {
            return new SignIn(scopes, offlineAccess, value);
        }
    }

    /** What a broker does at start when its IdP does not fit: see {@link dev.latchkey.broker.identity.IssuerCheck}. */
    public enum IdpCheck {
        /** Do not check (embedding and tests with stand-in issuers). */
        SKIP,
        /** Refuse to start, saying what is wrong. */
        REQUIRE,
        /** Refuse to start when the IdP answers wrongly; start with a loud warning when it does not answer at all. */
        WARN_IF_UNREACHABLE
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
                return other instanceof Bytes b && Arrays.equals(key, b.key);
            }

            @Override
            public int hashCode() {
                return Arrays.hashCode(key);
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
                    && Arrays.equals(password, t.password);
        }

        @Override
        public int hashCode() {
            return keystore.hashCode();
        }
    }
}
