package dev.latchkey.broker;

import dev.latchkey.broker.access.AccessEvaluator;
import dev.latchkey.broker.access.ReadAccessSource;
import dev.latchkey.broker.audit.AuditEvent;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.devidp.DevClock;
import dev.latchkey.broker.devidp.DevIdentityProvider;
import dev.latchkey.broker.devidp.DevIdpSettings;
import dev.latchkey.broker.events.JdbcEventJournal;
import dev.latchkey.broker.grants.GrantAccess;
import dev.latchkey.broker.grants.GrantAnnouncements;
import dev.latchkey.broker.grants.GrantStore;
import dev.latchkey.broker.http.AccessRequestRoutes;
import dev.latchkey.broker.http.ApiRoutes;
import dev.latchkey.broker.http.ErrorHandling;
import dev.latchkey.broker.http.EventRoutes;
import dev.latchkey.broker.http.Json;
import dev.latchkey.broker.exposures.ExposureStore;
import dev.latchkey.broker.http.ExposureRoutes;
import dev.latchkey.broker.http.MetricsRoutes;
import dev.latchkey.broker.http.SandboxRoutes;
import dev.latchkey.broker.identity.TokenValidator;
import dev.latchkey.broker.metrics.MetricsReader;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.policy.PolicyException;
import dev.latchkey.broker.policy.PolicyHolder;
import dev.latchkey.broker.policy.PolicyLoader;
import dev.latchkey.broker.policy.ScopePolicy;
import dev.latchkey.broker.requests.AccessRequests;
import dev.latchkey.broker.requests.AccessSweep;
import dev.latchkey.broker.sandbox.SandboxTokens;
import dev.latchkey.broker.sandbox.SigningKeys;
import dev.latchkey.broker.secrets.MasterKey;
import dev.latchkey.broker.secrets.MasterKeyMismatchException;
import dev.latchkey.broker.secrets.SecretVault;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a broker in this process: the server binary, the app's demo, and tests all come through here. */
public final class LatchkeyBroker {

    static final String CLIENT_ID = BrokerConfig.DEFAULT_CLIENT_ID;

    private static final Logger LOG = LoggerFactory.getLogger(LatchkeyBroker.class);

    private LatchkeyBroker() {
    }

    /**
     * Starts a broker and returns once it accepts connections.
     *
     * @throws BrokerStartException when the configuration cannot work (the message says why);
     *     nothing is changed in the database then
     */
    public static RunningBroker start(BrokerConfig config) {
        return startServer(config);
    }

    static Started startServer(BrokerConfig config) {
        Listener.check(config);
        // Before the database: a broker whose IdP does not fit changes nothing.
        String scopes = IdpAtStart.scopes(config);
        long t0 = System.nanoTime();
        Database db = openDatabase(config);
        LOG.debug("database open in {} ms", (System.nanoTime() - t0) / 1_000_000);
        // The journal's poll runs until closed: whatever fails from here on closes it with the database.
        JdbcEventJournal events = null;
        try {
            events = JdbcEventJournal.open(db, config.clock());
            return start(config, db, events, scopes);
        } catch (RuntimeException e) {
            if (events != null) {
                events.close();
            }
            db.close();
            throw e;
        }
    }

    private static Started start(BrokerConfig config, Database db, JdbcEventJournal events, String scopes) {
        SecretVault vault;
        MasterKey masterKey = MasterKeys.load(config);
        try {
            vault = SecretVault.open(db, masterKey, config.clock());
        } catch (MasterKeyMismatchException e) {
            throw new BrokerStartException(e.getMessage(), e);
        }
        Supplier<Policy> policySource = policySource(config);
        PolicyHolder policy;
        try {
            policy = new PolicyHolder(policySource);
        } catch (PolicyException e) {
            throw new BrokerStartException("the policy is not valid: " + e.getMessage(), e);
        }
        // Dev mode seeds an empty store; a dev broker pointed at a database it seeded before
        // keeps what is there.
        if (config.devMode() && vault.isEmpty()) {
            DemoOrganisation.seed(vault);
            if (config.bulkSecrets() > 0) {
                DemoOrganisation.seedBulk(vault, config.bulkSecrets());
            }
        }
        AuditLog audit = new AuditLog(db, config.clock());
        LOG.debug("vault, policy and seed ready");
        GrantStore grants = new GrantStore(db);
        // Standing access first, so a standing reader never sees an end time; then grants.
        AccessEvaluator access = new AccessEvaluator(List.of(ReadAccessSource.STANDING, new GrantAccess(grants)),
                config.clock());

        AtomicReference<URI> url = new AtomicReference<>();
        AtomicReference<TokenValidator> validator = new AtomicReference<>();
        Supplier<URI> issuer = () -> config.issuer().orElseGet(() -> URI.create(url.get() + "/dev-idp"));
        ApiRoutes api = new ApiRoutes(policy, vault, access, audit, validator::get,
                () -> new ApiRoutes.WellKnownInfo(issuer.get().toString(), config.clientId(), scopes,
                        BrokerVersion.current()));
        SigningKeys signingKeys = SigningKeys.open(db, masterKey, config.clock());
        SandboxRoutes sandboxes = new SandboxRoutes(
                new SandboxTokens(db, signingKeys, policy, access, audit, config.clock(), url::get),
                signingKeys, validator::get);
        DevIdentityProvider devIdp = config.devMode()
                ? new DevIdentityProvider(devIdpSettings(config), config.clock(), url::get)
                : null;
        EventRoutes eventRoutes = new EventRoutes(events, validator::get);
        ExposureStore exposures = new ExposureStore(db, config.clock());
        ExposureRoutes exposureRoutes = new ExposureRoutes(policy, exposures, audit, validator::get);
        MetricsRoutes metrics = new MetricsRoutes(new MetricsReader(db, config.clock(), exposures), policy, validator::get);

        AccessRequests requests = new AccessRequests(db, grants, audit, events, config.clock(),
                scope -> secretNames(scope, vault));
        AccessSweep sweep = new AccessSweep(requests,
                new GrantAnnouncements(grants, audit, events, config.clock(), config.grantWarning()));
        AccessRequestRoutes requestRoutes = new AccessRequestRoutes(policy, requests, validator::get, config.clock());

        Javalin server = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.jsonMapper(new JavalinJackson(Json.mapper(), false));
            // The buffer each answer is copied through, allocated per answer (32 KiB by default):
            // answers are small, and under load those buffers were most of the broker's garbage.
            javalin.http.responseBufferSize = 4096;
            ErrorHandling.install(javalin);
            Listener.configure(javalin, config);
            api.register(javalin.routes);
            requestRoutes.register(javalin.routes);
            javalin.events.serverStopping(sweep::close);
            sandboxes.register(javalin.routes);
            eventRoutes.register(javalin.routes);
            javalin.events.serverStopping(eventRoutes::close);
            metrics.register(javalin.routes);
            exposureRoutes.register(javalin.routes);
            if (devIdp != null) {
                devIdp.addRoutes(javalin.routes);
                if (config.clock() instanceof DevClock clock) {
                    clock.addRoute(javalin.routes);
                }
            }
        });
        try {
            server.start(config.host(), config.port());
        } catch (RuntimeException e) {
            throw new BrokerStartException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        url.set(Listener.url(config, server.port()));
        sweep.start();
        validator.set(new TokenValidator(issuer.get(), config.clientId(), config.groupsClaim(), config.clock(),
                Duration.ofSeconds(30)));
        audit.append(new AuditEvent("broker", "latchkey-broker", "broker.start", url.get().toString(), "ok",
                (config.devMode() ? "dev mode; " : "") + "policy " + policy.current().source()));
        LOG.info("broker listening on {} (issuer {})", url.get(), issuer.get());
        return new Started(server, db, url.get(), policy, audit, events);
    }

    /** What a request may name: the secrets the policy declares and those stored in the scope. */
    private static Set<String> secretNames(ScopePolicy scope, SecretVault vault) {
        Set<String> names = new HashSet<>(vault.list(scope.id()).keySet());
        scope.secrets().forEach(s -> names.add(s.name()));
        return names;
    }

    private static DevIdpSettings devIdpSettings(BrokerConfig config) {
        return DevIdpSettings.defaults(config.clientId())
                .withAccessTokenTtl(config.devTokenTtl())
                .withDeviceCodeTtl(config.devDeviceCodeTtl())
                .withPollInterval(config.devPollInterval());
    }

    private static Supplier<Policy> policySource(BrokerConfig config) {
        if (config.policyFile().isPresent()) {
            return () -> PolicyLoader.load(config.policyFile().get());
        }
        if (config.devMode()) {
            return () -> DemoOrganisation.policy(config.bulkSecrets());
        }
        throw new BrokerStartException("no policy file: start the broker with --policy FILE (see docs/broker.md)");
    }

    private static Database openDatabase(BrokerConfig config) {
        String url = config.database().orElse(BrokerConfig.DEFAULT_DATABASE);
        try {
            if (config.database().isEmpty() && config.devMode()) {
                return Database.inMemoryForDev();
            }
            return Database.open(url);
        } catch (StoreException e) {
            throw new BrokerStartException(DatabaseInUse.explain(e, url, "Stop the broker already running on it, or "
                    + "give this one its own --db (several replicas share PostgreSQL, not H2)").orElse(e.getMessage()), e);
        }
    }

    /** Whether {@code host} is a loopback address (so plain HTTP never leaves the machine). */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A started broker, with what the server binary needs beyond the embedding API (SIGHUP reload). */
    record Started(Javalin server, Database db, URI url, PolicyHolder policy, AuditLog audit,
            JdbcEventJournal events) implements RunningBroker {
        @Override
        public void close() {
            // The journal first: it ends open event streams, so the server stops without waiting on them.
            events.close();
            server.stop();
            db.close();
        }
    }
}
