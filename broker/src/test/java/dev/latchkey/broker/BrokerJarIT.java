package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.testing.ApiContract;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar broker/target/latchkey-broker.jar --dev --port 0} starts, prints its URL and answers. */
class BrokerJarIT {

    @Test
    void sighupReloadsThePolicyFileAndABadFileChangesNothing() throws Exception {
        Path dir = Files.createTempDirectory("latchkey-sighup");
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "admins: [ops]\nscopes:\n  a/dev:\n    read: [x]\n");
        Path err = dir.resolve("broker.err");
        Process broker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "latchkey-broker.jar").toString(), "--dev", "--port", "0",
                "--policy", policy.toString())
                .redirectError(err.toFile()).start();
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
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
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
