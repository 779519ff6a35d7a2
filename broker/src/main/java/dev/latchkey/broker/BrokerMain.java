package dev.latchkey.broker;

import dev.latchkey.grammar.DurationSyntaxException;
import dev.latchkey.grammar.Durations;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The server binary, {@code latchkey-broker}: starts a broker, or with {@code secrets put} stores
 * a value. Its options and {@code --help} come from picocli.
 *
 * <p>Exit codes: 0 done, 1 could not start or run, 2 bad usage.
 */
@Command(name = "latchkey-broker", mixinStandardHelpOptions = true, versionProvider = BrokerMain.Version.class,
        sortOptions = false, synopsisHeading = "usage: ", usageHelpAutoWidth = true,
        description = {"The Latchkey broker: checks who calls (access tokens from your OIDC provider), decides what they "
                + "may see and read (the policy file), keeps secret values encrypted at rest and audits every read.",
                "",
                "A production broker needs --issuer, --policy and a master key (--master-key-file, or the environment "
                + "variable LATCHKEY_MASTER_KEY). At start it checks the IdP and refuses to start when it does not fit. "
                + "--dev runs everything in memory with a demo organisation instead.", ""},
        subcommands = {SecretsPutCommand.SecretsGroup.class, MasterKeyCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  could not start or run (the message says why)", "  2  bad usage", "",
                "Operator's guide (IdP settings, systemd, TLS, backups, upgrades): docs/deploy.md",
                "The policy file and the API: docs/broker.md, docs/broker-api.yaml"})
public final class BrokerMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dev", description = "Development mode: in-memory store, demo organisation, built-in IdP. Not for production.")
    boolean dev;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8443", description = "Port (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Mixin
    StoreOptions store;

    @Option(names = "--issuer", paramLabel = "URL",
            description = "The OIDC issuer whose tokens are accepted, exactly as the IdP names it (not with --dev).")
    String issuer;

    @Option(names = "--client-id", paramLabel = "ID", defaultValue = BrokerConfig.DEFAULT_CLIENT_ID,
            description = "The client id clients sign in with; tokens must name it in aud or azp (default: ${DEFAULT-VALUE}).")
    String clientId;

    @Option(names = "--groups-claim", paramLabel = "NAME", defaultValue = "groups",
            description = "The token claim listing the caller's groups (default: ${DEFAULT-VALUE}).")
    String groupsClaim;

    @Option(names = "--sign-in-scopes", paramLabel = "SCOPES", defaultValue = SignIn.DEFAULT_SCOPES,
            description = "The OAuth scopes clients ask the IdP for, space-separated (default: ${DEFAULT-VALUE}).")
    String signInScopes;

    @Option(names = "--offline-access", description = "Clients also ask for offline_access (when the IdP lists it): "
            + "sessions that outlive the IdP's own session. The IdP must allow it for the client and its users.")
    boolean offlineAccess;

    @Option(names = "--allow-unreachable-idp", description = "Start even when the IdP does not answer (it comes up "
            + "later), with a loud warning; an IdP that answers wrongly still stops the start.")
    boolean allowUnreachableIdp;

    @Option(names = "--tls-keystore", paramLabel = "F.p12", description = "Serve HTTPS with this PKCS#12 key and certificate chain.")
    Path tlsKeystore;

    @Option(names = "--tls-password-env", paramLabel = "VAR",
            description = "The environment variable holding the keystore's password (never on the command line).")
    String tlsPasswordEnv;

    @Option(names = "--insecure-http", description = "Allow plain HTTP on a non-loopback address (a TLS proxy in front).")
    boolean insecureHttp;

    @Option(names = "--grant-warning", paramLabel = "D", defaultValue = "15m",
            description = "Warn a grant's holder this long before it ends (default: ${DEFAULT-VALUE}; 0s for never).")
    String grantWarning;

    @Mixin
    DevOptions devOptions;

    @Option(names = "--stop-when-stdin-closes", description = "Stop when standard input reaches its end: for a broker "
            + "that another program starts and owns (the desktop app's demo), so it never outlives that program.")
    boolean stopWhenStdinCloses;

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            description = "Connections one client address may hold at once (default: 100; 0 for no cap).")
    Integer maxConnectionsPerAddress;

    final InputStream stdin;

    private static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private BrokerMain(InputStream stdin) {
        this.stdin = stdin;
    }

    public static void main(String[] args) throws InterruptedException {
        skipStartLookups();
        Thread.setDefaultUncaughtExceptionHandler(new UncaughtFailures());
        int code = run(args, System.in, System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
        new CountDownLatch(1).await();
    }

    /**
     * Two look-ups a start can do without, told what they would find (before the first logger; a
     * {@code -D} on the command line still wins): slf4j searching every jar on the class path for its
     * logging backend, which is logback; and Jetty starting the JVM's management (JMX) server only to
     * ask whether object references are compressed, to pad a queue's slots against false sharing
     * (below a 32 GB heap they are: 16 to a 64-byte cache line). The demo broker starts ~0.15 s sooner.
     */
    private static void skipStartLookups() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "ch.qos.logback.classic.spi.LogbackServiceProvider");
            // Else slf4j says on standard error that it used the property.
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null && Runtime.getRuntime().maxMemory() < 30L << 30) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        }
    }

    /** Runs the command; returns an exit code, or -1 when a server was started and keeps running. */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        CommandLine cmd = new CommandLine(new BrokerMain(stdin));
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cmd.setParameterExceptionHandler((e, ignored) -> {
            CommandLine failed = e.getCommandLine();
            String message = e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                    && u.getUnmatched().getFirst().startsWith("-") ? "unknown option " + u.getUnmatched().getFirst()
                    : e.getMessage();
            failed.getErr().println("latchkey-broker: " + message);
            CommandLine.Help help = failed.getHelp();
            failed.getErr().print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
            failed.getErr().println("see: " + failed.getCommandSpec().qualifiedName() + " --help");
            failed.getErr().flush();
            return 2;
        });
        return cmd.execute(args);
    }

    /**
     * The configuration {@code args} describe, without starting anything.
     *
     * @throws CommandLine.ParameterException when they are not a valid command line
     */
    static BrokerConfig parse(String... args) {
        BrokerMain main = new BrokerMain(InputStream.nullInputStream());
        new CommandLine(main).parseArgs(args);
        return main.config();
    }

    @Override
    public Integer call() {
        BrokerConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
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
            if (stopWhenStdinCloses) {
                // System.exit runs the shutdown hook above, which closes the broker.
                StdinOwner.stopAtEnd(stdin, () -> System.exit(0));
            }
            out.println("Latchkey broker listening on " + broker.url());
            out.flush();
            err.printf("started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            err.flush();
            return -1;
        } catch (BrokerStartException e) {
            err.println("latchkey-broker: cannot start: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** The configuration the options describe; a wrong combination is a usage error (exit 2). */
    BrokerConfig config() {
        if (!dev && issuer == null) {
            throw usage("give --issuer URL (your OIDC provider), or --dev for development mode");
        }
        if (port < 0 || port > 65_535) {
            throw usage("--port needs a number from 0 to 65535, not " + port);
        }
        BrokerConfig config = store.applyTo(new BrokerConfig(host, port, dev))
                .withClientId(clientId).withGroupsClaim(groupsClaim).withInsecureHttp(insecureHttp)
                .withGrantWarning(warning(grantWarning));
        if (issuer != null) {
            config = config.withIssuer(uri(issuer));
        }
        try {
            config = config.withSignIn(new SignIn(signInScopes, offlineAccess, allowUnreachableIdp
                    ? IdpCheck.WARN_IF_UNREACHABLE : IdpCheck.REQUIRE));
        } catch (IllegalArgumentException e) {
            throw usage("--sign-in-scopes: " + e.getMessage());
        }
        if (maxConnectionsPerAddress != null) {
            if (maxConnectionsPerAddress < 0) {
                throw usage("--max-connections-per-address needs a number from 0 (0 for no cap), not "
                        + maxConnectionsPerAddress);
            }
            config = config.withLimits(config.limits().withConnectionsPerAddress(maxConnectionsPerAddress));
        }
        if (dev) {
            config = devOptions.applyTo(config);
        }
        if (tlsKeystore != null) {
            if (tlsPasswordEnv == null) {
                throw usage("--tls-keystore needs --tls-password-env VAR (passwords never go on the command line)");
            }
            String password = System.getenv(tlsPasswordEnv);
            if (password == null) {
                throw usage("the environment variable " + tlsPasswordEnv + " is not set");
            }
            config = config.withTls(new TlsConfig(tlsKeystore, password.toCharArray()));
        }
        return config;
    }

    private URI uri(String text) {
        try {
            URI u = new URI(text);
            if (u.getScheme() == null || u.getHost() == null) {
                throw usage("--issuer needs an absolute URL such as https://sso.example.com/realms/acme, not '" + text + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw usage("--issuer is not a URL: " + e.getMessage());
        }
    }

    /** A lead time: a duration, or zero ({@code 0s}) for no warning at all. */
    private Duration warning(String text) {
        try {
            return Durations.parseAllowingZero(text);
        } catch (DurationSyntaxException e) {
            throw usage("--grant-warning: " + e.getMessage());
        }
    }

    /** Prints {@code latchkey-broker: message} to the command's error stream and returns {@code code}. */
    static int fail(CommandSpec spec, int code, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("latchkey-broker: " + message);
        err.flush();
        return code;
    }

    /** A command group run without a subcommand: says which to give, exit 2. */
    static int needsSubcommand(CommandSpec spec, String which) {
        fail(spec, 2, spec.name() + " needs a subcommand: " + which);
        spec.commandLine().getErr().println("see: " + spec.qualifiedName() + " --help");
        spec.commandLine().getErr().flush();
        return 2;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"latchkey-broker " + BrokerVersion.current()};
        }
    }
}
