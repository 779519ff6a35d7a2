package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.testing.ApiContract;
import dev.latchkey.testsupport.RealParts;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar broker/target/latchkey-broker.jar --dev --port 0} starts, prints its URL and answers. */
class BrokerJarIT {

    /**
     * A process inherits an ignored SIGHUP (a test run under {@code nohup}) and passes it on to the
     * broker, which could then not hear the signal this test sends. {@code env --default-signal}
     * (coreutils 8.31 and later) starts the broker with the default disposition again; where it is
     * missing, an ignored SIGHUP makes the test fail or skip, saying why.
     */
    static List<String> withDefault(String signal, int number) throws Exception {
        if (new ProcessBuilder("env", "--default-signal=" + signal, "true").start().waitFor() == 0) {
            return List.of("env", "--default-signal=" + signal);
        }
        if (IgnoredSignals.ignored(number)) {
            RealParts.missing("this test run ignores SIG" + signal + " (started under nohup or as a background job?)"
                    + " and this system's env cannot reset it (--default-signal); run the tests in the foreground");
        }
        return List.of();
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "latchkey-broker.jar").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void sighupReloadsThePolicyFileAndABadFileChangesNothing() throws Exception {
        Path dir = Files.createTempDirectory("latchkey-sighup");
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "admins: [ops]\nscopes:\n  a/dev:\n    read: [x]\n");
        Path err = dir.resolve("broker.err");
        List<String> cmd = new ArrayList<>(withDefault("HUP", IgnoredSignals.SIGHUP));
        cmd.addAll(java("--dev", "--port", "0", "--policy", policy.toString()));
        Process broker = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
            assertThat(CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS)).contains("listening on");

            Files.writeString(policy, "admins: [ops]\nscopes:\n  a/dev:\n    read: [x]\n  b/dev:\n    read: nope\n");
            hup(broker);
            awaitLog(err, "policy NOT reloaded");
            assertThat(Files.readString(err)).contains(policy + ":6: scopes.b/dev.read");

            Files.writeString(policy, "admins: [ops]\nscopes:\n  a/dev:\n    read: [x]\n  b/dev:\n    read: [y]\n");
            hup(broker);
            awaitLog(err, "policy reloaded from " + policy + ": 2 scopes");
        } finally {
            broker.destroy();
            if (!broker.waitFor(15, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }

    @Test
    void aBrokerStartedWithSighupIgnoredSaysReloadBySignalIsOff() throws Exception {
        Path err = Files.createTempFile("broker", ".err");
        List<String> cmd = new ArrayList<>(List.of("env", "--ignore-signal=HUP"));
        cmd.addAll(java("--dev", "--port", "0"));
        if (new ProcessBuilder("env", "--ignore-signal=HUP", "true").start().waitFor() != 0) {
            RealParts.missing("this system's env cannot start a process with SIGHUP ignored (--ignore-signal)");
        }
        Process broker = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
            assertThat(CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS)).contains("listening on");
            awaitLog(err, "policy reload by signal is off");
            assertThat(Files.readString(err)).contains("use POST /v1/admin/policy:reload");
        } finally {
            broker.destroy();
            if (!broker.waitFor(15, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }

    @Test
    void secretsPutWhileABrokerHoldsTheH2FileSaysSoInWords() throws Exception {
        Path dir = Files.createTempDirectory("latchkey-in-use");
        Path key = dir.resolve("master.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "admins: [ops]\nscopes:\n  a/dev:\n    read: [x]\n");
        String db = "jdbc:h2:file:" + dir.resolve("data").toAbsolutePath();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path err = dir.resolve("broker.err");
        Process broker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "latchkey-broker.jar").toString(), "--port", "0", "--db", db,
                "--policy", policy.toString(), "--master-key-file", key.toString(),
                "--issuer", "http://127.0.0.1:" + closed + "/realms/later", "--allow-unreachable-idp")
                .redirectError(err.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
            assertThat(CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS)).contains("listening on");
            assertThat(Files.readString(err)).contains("THE IdP CANNOT BE REACHED", "--allow-unreachable-idp");

            ByteArrayOutputStream putOut = new ByteArrayOutputStream();
            ByteArrayOutputStream putErr = new ByteArrayOutputStream();
            int code = BrokerMain.run(new String[] {"secrets", "put", "a/dev", "token", "--db", db, "--policy",
                    policy.toString(), "--master-key-file", key.toString()},
                    new ByteArrayInputStream("v\n".getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(putOut, true, StandardCharsets.UTF_8),
                    new PrintStream(putErr, true, StandardCharsets.UTF_8));

            assertThat(code).isEqualTo(1);
            assertThat(putErr.toString()).contains("latchkey-broker: the database jdbc:h2:file:", "is in use by another "
                    + "process, most likely a running broker", "Stop that broker first, or write through it",
                    "PUT /v1/admin/secrets/a/dev/token").doesNotContain("90020").doesNotContain("Database may be");
        } finally {
            broker.destroy();
            if (!broker.waitFor(15, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }

    private static void hup(Process p) throws Exception {
        assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor()).isZero();
    }

    private static void awaitLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.readString(log).contains(text)) {
            assertThat(System.nanoTime()).as("waiting for '%s' in the broker's log", text).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aBrokerOwnedThroughItsStdinStopsWhenTheOwnerClosesIt() throws Exception {
        Process broker = new ProcessBuilder(java("--dev", "--port", "0", "--stop-when-stdin-closes"))
                .redirectError(Files.createTempFile("broker", ".err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
            assertThat(CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS)).contains("listening on");
            broker.getOutputStream().write("anything before the end is dropped\n".getBytes(StandardCharsets.UTF_8));
            broker.getOutputStream().flush();
            assertThat(broker.waitFor(2, TimeUnit.SECONDS)).as("still running while its stdin is open").isFalse();

            broker.getOutputStream().close();
            assertThat(broker.waitFor(30, TimeUnit.SECONDS)).as("stopped once its stdin closed").isTrue();
            assertThat(broker.exitValue()).isZero();
        } finally {
            broker.destroyForcibly();
        }
    }

    @Test
    void theServerBinaryStartsInDevModeAndPrintsItsUrl() throws Exception {
        Path jar = Path.of("target", "latchkey-broker.jar");
        assertThat(jar).exists();
        Process broker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--dev", "--port", "0")
                .redirectError(Files.createTempFile("broker", ".err").toFile()).start();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8))) {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String printed = line.get(60, TimeUnit.SECONDS);
            assertThat(printed).matches("Latchkey broker listening on http://127\\.0\\.0\\.1:\\d+");
            URI url = URI.create(printed.substring(printed.indexOf("http")));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url.resolve("/.well-known/latchkey"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            ApiContract.check(answer);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"issuer\":\"" + url + "/dev-idp\"");
        } finally {
            broker.destroy();
            if (!broker.waitFor(15, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }
}
