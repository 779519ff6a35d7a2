package dev.latchkey.testsupport.keycloak;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A real Keycloak on loopback, started once per test run from the distribution Maven fetched as
 * a dependency of this module, unpacked once into a cache folder outside the repository, with
 * {@link KeycloakRealm#forTests()} imported fresh at every start. Stopped by its pid (and its
 * children's) when the test run ends.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String VERSION = "26.5.5";
    public static final String REALM = "latchkey";
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-password";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final Process process;
    private final URI base;
    private final Path log;
    private final Duration startTime;

    private KeycloakServer(Process process, URI base, Path log, Duration startTime) {
        this.process = process;
        this.base = base;
        this.log = log;
        this.startTime = startTime;
    }

    /** The realm's issuer, such as {@code http://127.0.0.1:41234/realms/latchkey}. */
    public URI issuer() {
        return URI.create(base + "/realms/" + REALM);
    }

    /** The server's base URL. */
    public URI base() {
        return base;
    }

    /** How long the start took, to readiness. */
    public Duration startTime() {
        return startTime;
    }

    /** The folder Keycloak is unpacked into: the IdP's own files, not Latchkey's. */
    public static Path cacheFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"), "latchkey-test-keycloak-" + VERSION);
    }

    /**
     * Starts Keycloak, or explains why it cannot.
     *
     * @throws IllegalStateException naming what is missing (the zip, Java, readiness)
     */
    public static KeycloakServer start() throws IOException, InterruptedException {
        Path home = unpacked();
        Path data = home.resolve("data");
        deleteTree(data.resolve("h2"));
        Files.createDirectories(data.resolve("import"));
        Files.writeString(data.resolve("import").resolve("latchkey-realm.json"), KeycloakRealm.forTests().toPrettyString());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = home.resolve("latchkey-test.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1", "--import-realm", "--health-enabled=false"))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        long t0 = System.nanoTime();
        Process process = pb.start();
        URI base = URI.create("http://127.0.0.1:" + port);
        KeycloakServer server = new KeycloakServer(process, base, log, Duration.ZERO);
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
        long deadline = t0 + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            Request r = new Request.Builder().url(server.issuer() + "/.well-known/openid-configuration").build();
            try (Response response = http.newCall(r).execute()) {
                if (response.code() == 200) {
                    Duration took = Duration.ofNanos(System.nanoTime() - t0);
                    System.out.println("KEYCLOAK " + VERSION + " ready in " + took.toMillis() + " ms at " + base);
                    return new KeycloakServer(process, base, log, took);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        server.close();
        throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> children = handle.descendants().toList();
        handle.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The log, for a failing test's message. */
    public Path log() {
        return log;
    }

    private static Path unpacked() throws IOException {
        Path cache = cacheFolder();
        Path home = cache.resolve("keycloak-" + VERSION);
        if (Files.isExecutable(home.resolve("bin").resolve("kc.sh"))) {
            return home;
        }
        Path zip = distributionZip();
        Files.createDirectories(cache);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                Path target = cache.resolve(e.getName()).normalize();
                if (!target.startsWith(cache)) {
                    throw new IOException("a zip entry points outside the cache: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
            scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
        }
        return home;
    }

    private static Path distributionZip() {
        String repo = System.getProperty("latchkey.m2.repository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path zip = Path.of(repo, "org", "keycloak", "keycloak-quarkus-dist", VERSION,
                "keycloak-quarkus-dist-" + VERSION + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("the Keycloak distribution is not in the local Maven repository (" + zip
                    + "); test-support's pom.xml names it as a dependency, so a build of a module that uses "
                    + "test-support fetches it");
        }
        return zip;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
