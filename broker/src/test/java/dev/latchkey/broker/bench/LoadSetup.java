package dev.latchkey.broker.bench;

import dev.latchkey.broker.testing.TestIssuer;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the load bench runs against: a policy made for it, a master key, an issuer whose tokens
 * the brokers accept, and N broker processes on one database (an H2 file, or PostgreSQL).
 */
final class LoadSetup implements AutoCloseable {

    /** Scopes that requests go to, so that each (user, scope) pair is asked for once. */
    static final int REQUEST_SCOPES = 5_000;
    static final int USERS = 100;
    static final int SECRETS = 10;

    final List<BrokerProcess> brokers = new ArrayList<>();
    final List<String> users;
    final List<String> watchers;
    final String admin;

    private LoadSetup(TestIssuer issuer) {
        this.users = IntStream.rangeClosed(1, USERS).mapToObj(i -> issuer.token(String.format("load-%03d", i), "load"))
                .toList();
        // Stream holders hold no grants: their streams stay idle but for keep-alives.
        this.watchers = IntStream.rangeClosed(1, USERS)
                .mapToObj(i -> issuer.token(String.format("watch-%03d", i), "load")).toList();
        this.admin = issuer.token("bench-admin", "load-admins");
    }

    /** Starts {@code replicas} brokers on {@code database} and stores the secrets the resolves read. */
    static LoadSetup start(TestIssuer issuer, Path jar, Path work, String name, String database, int replicas,
            List<String> jvm) throws Exception {
        Path policy = writePolicy(work);
        Path key = work.resolve("master.key");
        if (!Files.exists(key)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.writeString(key, Base64.getEncoder().encodeToString(bytes));
        }
        LoadSetup setup = new LoadSetup(issuer);
        try {
            for (int r = 0; r < replicas; r++) {
                // One at a time: the first creates the schema, the others find it made.
                setup.brokers.add(BrokerProcess.start(jar, jvm, List.of("--issuer", issuer.issuer().toString(),
                        "--policy", policy.toString(), "--master-key-file", key.toString(), "--db", database,
                        "--port", "0"), Path.of("."), work.resolve(name + "-broker-" + (r + 1) + ".log"),
                        Duration.ofMinutes(2)));
            }
            try (KeepAliveHttp http = new KeepAliveHttp(setup.brokers.getFirst().url())) {
                for (int s = 1; s <= SECRETS; s++) {
                    KeepAliveHttp.Answer a = http.send("PUT", "/v1/admin/secrets/load/dev/s-" + s, setup.admin,
                            "{\"value\":\"bench-value-" + s + "\"}");
                    if (a.status() != 200) {
                        throw new IllegalStateException("storing a secret failed: " + a.status() + " " + a.body());
                    }
                }
            }
            return setup;
        } catch (Exception e) {
            setup.close();
            throw e;
        }
    }

    List<URI> urls() {
        return brokers.stream().map(BrokerProcess::url).toList();
    }

    /** A fresh PostgreSQL database named {@code name} in the cluster at {@code base}; its JDBC URL. */
    static String freshDatabase(String base, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return base.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    private static Path writePolicy(Path work) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                admins: [load-admins]
                scopes:
                  load/dev:
                    description: Load bench, read at any time
                    read: [load]
                """);
        for (int i = 0; i < REQUEST_SCOPES; i++) {
            yaml.append(String.format("""
                      load/r-%04d:
                        description: Load bench, requests approved by rule
                        request: [load]
                        maxRequest: 1h
                        autoApprove:
                          - name: load-auto
                            groups: [load]
                            upTo: 1h
                    """, i));
        }
        yaml.append("""
                sandboxes:
                  load-sandbox:
                    scope: load/dev
                    maxTtl: 15m
                """);
        Path policy = work.resolve("policy.yaml");
        Files.writeString(policy, yaml);
        return policy;
    }

    @Override
    public void close() {
        for (BrokerProcess b : brokers) {
            b.close();
        }
    }
}
