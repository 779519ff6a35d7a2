package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

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
