package dev.latchkey.broker;

import dev.latchkey.broker.audit.AuditEvent;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.policy.Durations;
import dev.latchkey.broker.policy.PolicyException;
import dev.latchkey.broker.policy.PolicyLoader;
import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.secrets.MasterKeyMismatchException;
import dev.latchkey.broker.secrets.SecretVault;
import dev.latchkey.broker.secrets.StoredSecret;
import dev.latchkey.broker.store.Database;
import dev.latchkey.broker.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The server binary.
 *
 * <pre>
 * latchkey-broker [--dev] [--host H] [--port N] [--policy FILE] [--db JDBC-URL]
 *                 [--master-key-file F] [--issuer URL] [--client-id ID] [--groups-claim NAME]
 *                 [--tls-keystore F.p12 --tls-password-env VAR] [--insecure-http]
 *                 [--dev-token-ttl 60s] [--dev-bulk-secrets N] [--grant-warning 15m]
 *                 [--max-connections-per-address N]
 * latchkey-broker secrets put SCOPE NAME   (value from stdin; same --db/--policy/--master-key-file)
 * </pre>
 *
 * Exit codes: 0 done, 1 could not start or run, 2 bad usage.
 */
public final class BrokerMain {

    private static final String USAGE = """
            usage: latchkey-broker [options]                 start the broker
                   latchkey-broker secrets put SCOPE NAME    store a value read from stdin
            options:
              --dev                     development mode: in-memory store, demo organisation, built-in IdP
              --host H                  address to bind (default 127.0.0.1)
              --port N                  port (default 8443; 0 for any free port)
              --policy FILE             the policy file (YAML; see docs/broker.md)
              --db JDBC-URL             database (default an H2 file under ./latchkey-data)
              --master-key-file F       file holding the base64 master key (else env LATCHKEY_MASTER_KEY)
              --issuer URL              OIDC issuer whose tokens are accepted (not needed with --dev)
              --client-id ID            client id tokens must be issued to (default latchkey)
              --groups-claim NAME       token claim listing the caller's groups (default groups)
              --tls-keystore F.p12      serve HTTPS with this PKCS#12 key and certificate
              --tls-password-env VAR    environment variable holding the keystore password
              --insecure-http           allow plain HTTP on a non-loopback address
              --dev-token-ttl D         lifetime of dev IdP access tokens, e.g. 60s (dev mode)
              --dev-bulk-secrets N      seed N extra secrets in scope perf/bulk (dev mode)
              --grant-warning D         warn a grant's holder this long before it ends (default 15m; 0s for never)
              --max-connections-per-address N   connections one client address may hold (default 100; 0 for no cap)
            """;

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int code = run(args, System.in, System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
        new CountDownLatch(1).await();
    }

    /** Runs the command; returns an exit code, or -1 when a server was started and keeps running. */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        boolean putSecret = args.length >= 2 && "secrets".equals(args[0]) && "put".equals(args[1]);
        int first = putSecret ? 4 : 0;
        if (putSecret && args.length < 4) {
            err.println("latchkey-broker: secrets put needs SCOPE and NAME (the value comes from stdin)");
            return 2;
        }
        BrokerConfig config;
        try {
            config = parse(args, first);
        } catch (UsageException e) {
            err.println("latchkey-broker: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            if (putSecret) {
                return putSecret(config, args[2], args[3], stdin, out, err);
            }
            if (config.devMode()) {
                err.println("""
                        ******************************************************************
                        *  DEVELOPMENT MODE - NOT FOR PRODUCTION                           *
                        *  In-memory store, random master key, demo users anyone can pick *
                        *  at /dev-idp/device. Everything is lost when it stops.          *
                        ******************************************************************""");
            }
            long started = System.nanoTime();
            LatchkeyBroker.Started broker = LatchkeyBroker.startServer(config);
            SighupReload.install(broker.policy(), broker.audit());
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
            out.println("Latchkey broker listening on " + broker.url());
            out.flush();
            err.printf("started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            return -1;
        } catch (BrokerStartException e) {
            err.println("latchkey-broker: cannot start: " + e.getMessage());
            return 1;
        }
    }

    private static int putSecret(BrokerConfig config, String scopeText, String name, InputStream stdin,
            PrintStream out, PrintStream err) {
        ScopeId scope = ScopeId.parse(scopeText).orElse(null);
        if (scope == null || !ScopeId.SEGMENT.matcher(name).matches()) {
            err.println("latchkey-broker: SCOPE is team/env and NAME lower-case letters, digits, '.', '_' or '-'");
            return 2;
        }
        if (config.devMode()) {
            err.println("latchkey-broker: secrets put writes to a persistent database; it has no meaning with --dev");
            return 2;
        }
        String value;
        try {
            byte[] bytes = stdin.readNBytes(64 * 1024 + 1);
            if (bytes.length > 64 * 1024) {
                err.println("latchkey-broker: a secret value may be at most 64 KiB");
                return 2;
            }
            value = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("latchkey-broker: cannot read the value from stdin: " + e.getMessage());
            return 1;
        }
        // One trailing newline is what `echo` and editors add; it is never part of a value.
        if (value.endsWith("\n")) {
            value = value.substring(0, value.length() - (value.endsWith("\r\n") ? 2 : 1));
        }
        if (value.isEmpty()) {
            err.println("latchkey-broker: no value on stdin");
            return 2;
        }
        try {
            if (config.policyFile().isPresent()
                    && PolicyLoader.load(config.policyFile().get()).scope(scope).isEmpty()) {
                err.println("latchkey-broker: the policy has no scope " + scope + "; add it there first");
                return 2;
            }
            try (Database db = Database.open(config.database().orElse(BrokerConfig.DEFAULT_DATABASE))) {
                SecretVault vault = SecretVault.open(db, MasterKeys.load(config), config.clock());
                String actor = "cli:" + System.getProperty("user.name", "unknown");
                StoredSecret stored = vault.put(scope, name, value, actor);
                new AuditLog(db, config.clock()).append(new AuditEvent(actor, "latchkey-broker secrets put",
                        "secret.put", scope + "/" + name, "ok", "v" + stored.version()));
                out.println("stored " + scope + "/" + name + " version " + stored.version());
                return 0;
            }
        } catch (PolicyException | StoreException | MasterKeyMismatchException | BrokerStartException e) {
            err.println("latchkey-broker: " + e.getMessage());
            return 1;
        }
    }

    static BrokerConfig parse(String[] args, int first) throws UsageException {
        boolean dev = false;
        for (int i = first; i < args.length; i++) {
            dev |= "--dev".equals(args[i]);
        }
        BrokerConfig config = new BrokerConfig("127.0.0.1", 8443, dev);
        if (!dev) {
            config = config.withMasterKey(new BrokerConfig.MasterKeySource.EnvVar(MasterKeys.ENV_VAR));
        }
        Path keystore = null;
        String passwordEnv = null;
        for (int i = first; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--dev" -> {
                }
                case "--insecure-http" -> config = config.withInsecureHttp(true);
                case "--host" -> config = config.withHost(value(args, ++i, arg));
                case "--port" -> config = config.withPort(number(value(args, ++i, arg), arg));
                case "--policy" -> config = config.withPolicyFile(Path.of(value(args, ++i, arg)));
                case "--db" -> config = config.withDatabase(value(args, ++i, arg));
                case "--master-key-file" -> config = config.withMasterKey(
                        new BrokerConfig.MasterKeySource.File(Path.of(value(args, ++i, arg))));
                case "--issuer" -> config = config.withIssuer(URI.create(value(args, ++i, arg)));
                case "--client-id" -> config = config.withClientId(value(args, ++i, arg));
                case "--groups-claim" -> config = config.withGroupsClaim(value(args, ++i, arg));
                case "--tls-keystore" -> keystore = Path.of(value(args, ++i, arg));
                case "--tls-password-env" -> passwordEnv = value(args, ++i, arg);
                case "--dev-token-ttl" -> config = config.withDevTokenTtl(duration(value(args, ++i, arg), arg));
                case "--dev-bulk-secrets" -> config = config.withBulkSecrets(number(value(args, ++i, arg), arg));
                case "--grant-warning" -> config = config.withGrantWarning(warning(value(args, ++i, arg), arg));
                case "--max-connections-per-address" -> config = config.withLimits(
                        config.limits().withConnectionsPerAddress(count(value(args, ++i, arg), arg)));
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (keystore != null) {
            if (passwordEnv == null) {
                throw new UsageException("--tls-keystore needs --tls-password-env VAR (passwords never go on the command line)");
            }
            String password = System.getenv(passwordEnv);
            if (password == null) {
                throw new UsageException("the environment variable " + passwordEnv + " is not set");
            }
            config = config.withTls(new BrokerConfig.TlsConfig(keystore, password.toCharArray()));
        }
        if (!dev && config.issuer().isEmpty() && first == 0) {
            throw new UsageException("give --issuer URL (your OIDC provider), or --dev for development mode");
        }
        return config;
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, String option) throws UsageException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, not '" + text + "'");
        }
    }

    /** A number from 0 up. */
    private static int count(String text, String option) throws UsageException {
        int n = number(text, option);
        if (n < 0) {
            throw new UsageException(option + " needs a number from 0 (0 for no cap), not " + n);
        }
        return n;
    }

    private static Duration duration(String text, String option) throws UsageException {
        return Durations.parse(text).orElseThrow(() -> new UsageException(option + " needs a duration such as 60s or 15m"));
    }

    /** A lead time: a duration, or zero ({@code 0s}) for no warning at all. */
    private static Duration warning(String text, String option) throws UsageException {
        if (text.strip().matches("0+(ms|s|m|h|d)?")) {
            return Duration.ZERO;
        }
        return duration(text, option);
    }

    /** The command line is wrong; the message says how. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
