package dev.latchkey.broker.testing;

import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster on a free loopback port, made with the machine's own PostgreSQL
 * binaries (Debian's {@code postgresql} package, which {@code .ci/run} installs). As root it runs
 * as the {@code postgres} user, since PostgreSQL refuses to run as root.
 *
 * <p>Most tests share one cluster per test run ({@link #shared()}) and each takes a fresh
 * database of it ({@link #newDatabase()}): making a cluster costs seconds, a database
 * milliseconds. A test that stops or crashes PostgreSQL makes its own ({@link #start()}).
 */
public final class PostgresCluster implements AutoCloseable {

    private static final String INSTALL = "PostgreSQL's server binaries are missing (no initdb under"
            + " /usr/lib/postgresql/*/bin): install the Debian package postgresql (.ci/run does)";
    private static PostgresCluster shared;

    private final Path bin;
    private final Path dir;
    /** Chosen just before the server starts, and again if another program took it meanwhile. */
    private int port;
    private final boolean asPostgres;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path bin, Path dir, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.asPostgres = asPostgres;
    }

    /** The directory holding initdb and pg_ctl, when PostgreSQL is installed. */
    public static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The binaries; without them the calling test fails under {@code LATCHKEY_REQUIRE_REAL_PARTS}
     * and is skipped, saying why, otherwise.
     */
    public static Path requireBinaries() {
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            RealParts.missing(INSTALL);
        }
        return bin.orElseThrow();
    }

    /** The cluster this test run shares, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresCluster shared() throws Exception {
        Path bin = requireBinaries();
        if (shared == null) {
            PostgresCluster started = start(bin);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    System.err.println("could not stop the test PostgreSQL: " + e.getMessage());
                }
            }, "postgres-stop"));
            shared = started;
        }
        return shared;
    }

    /** A cluster of the test's own (which it may stop and crash); close it when done. */
    public static PostgresCluster start() throws Exception {
        return start(requireBinaries());
    }

    private static PostgresCluster start(Path bin) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("latchkey-pg");
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        PostgresCluster cluster = new PostgresCluster(bin, dir, root);
        // --no-sync and fsync=off: a crash of PostgreSQL (what the tests cause) loses nothing
        // committed, since the operating system keeps what was written; only a machine crash would.
        cluster.run("initdb", "-D", dir.resolve("data").toString(), "-U", "latchkey", "--auth=trust", "-E", "UTF8",
                "--no-sync");
        // A port found free is free only until PostgreSQL binds it: it is picked after initdb's
        // seconds, and picked again when another program bound it first.
        for (int attempt = 1; ; attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                cluster.port = s.getLocalPort();
            }
            try {
                cluster.startServer();
                return cluster;
            } catch (IllegalStateException e) {
                Path log = dir.resolve("log");
                if (attempt == 3 || !Files.exists(log) || !Files.readString(log).contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    /** The JDBC URL of the cluster's {@code postgres} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=latchkey";
    }

    /** Creates an empty database of its own for one test; returns its JDBC URL. */
    public String newDatabase() throws SQLException {
        String name = "latchkey_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=latchkey";
    }

    /**
     * Kills PostgreSQL as a crash would ({@code pg_ctl stop -m immediate}: no checkpoint, every
     * connection cut) and starts it again, which recovers from its log. Returns once it accepts
     * connections.
     */
    public void crashAndRestart() throws IOException, InterruptedException {
        run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        startServer();
    }

    private void startServer() throws IOException, InterruptedException {
        run("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    private void run(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asPostgres) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("pg-" + tool, ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(tool + " failed: " + Files.readString(out));
        }
        Files.deleteIfExists(out);
    }

    @Override
    public void close() throws IOException {
        try {
            run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
