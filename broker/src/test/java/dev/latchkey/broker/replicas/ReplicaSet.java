package dev.latchkey.broker.replicas;

import dev.latchkey.broker.testing.PostgresCluster;
import dev.latchkey.broker.testing.TestIssuer;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * N broker processes (the real jar) on one PostgreSQL database, as a team deploys them behind a
 * load balancer: the same policy file, master key and IdP, nothing shared but the database.
 * They start together, as a deployment's first start does.
 */
final class ReplicaSet implements AutoCloseable {

    /**
     * The jar {@code mvn package} builds (*IT tests run after it, in the broker's folder); a bench
     * run from elsewhere names it with {@code -Dlatchkey.brokerJar=PATH}.
     */
    static final Path JAR = Path.of(System.getProperty("latchkey.brokerJar", "target/latchkey-broker.jar"));

    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    /** The policy every replica runs: a reviewed scope and an auto-approved one. */
    static final String POLICY = """
            admins: [ops]
            scopes:
              team/prod:
                request: [devs]
                maxRequest: 1h
                approve: [leads]
                secrets:
                  db-url: {}
              team/short:
                request: [devs]
                maxRequest: 1h
                autoApprove:
                  - name: short
                    groups: [devs]
                    upTo: 1h
                secrets:
                  db-url: {}
            """;

    /** Small heaps and the serial collector: several brokers share a two-core machine with the tests. */
    static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final PostgresCluster postgres;
    private final String database;
    private final TestIssuer issuer;
    private final Path dir;
    private final List<BrokerProcess> brokers = new CopyOnWriteArrayList<>();
    private final List<String> jvm;
    private final boolean ownsCluster;

    private ReplicaSet(PostgresCluster postgres, boolean ownsCluster, String database, TestIssuer issuer, Path dir,
            List<String> jvm) {
        this.postgres = postgres;
        this.ownsCluster = ownsCluster;
        this.database = database;
        this.issuer = issuer;
        this.dir = dir;
        this.jvm = jvm;
    }

    /** Starts a cluster of its own and {@code n} brokers on one database of it. */
    static ReplicaSet start(int n, List<String> jvm) throws Exception {
        PostgresCluster postgres = PostgresCluster.start();
        try {
            return start(postgres, true, postgres.newDatabase(), n, jvm);
        } catch (Exception | Error e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * Starts {@code n} brokers on {@code database} of {@code postgres}.
     *
     * @param ownsCluster whether closing the set stops the cluster too
     */
    static ReplicaSet start(PostgresCluster postgres, boolean ownsCluster, String database, int n, List<String> jvm)
            throws Exception {
        Path dir = Files.createTempDirectory("latchkey-replicas");
        Files.writeString(dir.resolve("policy.yaml"), POLICY);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(dir.resolve("master.key"), Base64.getEncoder().encodeToString(key));
        ReplicaSet set = new ReplicaSet(postgres, ownsCluster, database, new TestIssuer(Clock.systemUTC()), dir, jvm);
        try {
            List<CompletableFuture<BrokerProcess>> starting = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                starting.add(CompletableFuture.supplyAsync(() -> set.launch(index)));
            }
            for (CompletableFuture<BrokerProcess> s : starting) {
                set.brokers.add(s.join());
            }
            return set;
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }

    private BrokerProcess launch(int index) {
        try {
            return BrokerProcess.start(JAR, jvm, List.of("--issuer", issuer.issuer().toString(),
                    "--policy", dir.resolve("policy.yaml").toString(),
                    "--master-key-file", dir.resolve("master.key").toString(),
                    "--db", database, "--port", "0", "--grant-warning", "0s"),
                    Path.of("."), dir.resolve("broker-" + index + "-" + System.nanoTime() + ".log"), START_LIMIT);
        } catch (IOException e) {
            throw new IllegalStateException("replica " + index + " did not start: " + e.getMessage(), e);
        }
    }

    /** The replicas' URLs, in order; a killed one stays in the list, as in a load balancer's. */
    List<URI> urls() {
        return brokers.stream().map(BrokerProcess::url).toList();
    }

    URI url(int i) {
        return brokers.get(i).url();
    }

    int size() {
        return brokers.size();
    }

    BrokerProcess broker(int i) {
        return brokers.get(i);
    }

    /** SIGKILLs replica {@code i}. */
    void kill(int i) throws InterruptedException {
        brokers.get(i).kill();
    }

    String token(String user, String... groups) {
        return issuer.token(user, groups);
    }

    PostgresCluster postgres() {
        return postgres;
    }

    /** The JDBC URL the replicas share. */
    String database() {
        return database;
    }

    /** Every replica's log, for a failing test's message. */
    String logs() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < brokers.size(); i++) {
            b.append("--- replica ").append(i).append(" ---\n").append(brokers.get(i).log());
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        brokers.forEach(BrokerProcess::close);
        issuer.close();
        if (ownsCluster) {
            postgres.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
