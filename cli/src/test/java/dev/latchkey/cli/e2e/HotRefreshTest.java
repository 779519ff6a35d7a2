package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.cli.CliRun;
import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code latchkey run --refresh-endpoint}: a real child (sh, curl, jq) polls its endpoint across a
 * sandbox token renewal and a grant extension and keeps running with the new values; the test's
 * own process, outside the launch's tree, is refused even with the token; after the child ends the
 * endpoint is gone.
 */
class HotRefreshTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHILD = """
            echo "$LATCHKEY_CREDENTIALS_URL $LATCHKEY_CREDENTIALS_TOKEN" > "$OUT/endpoint.tmp" && mv "$OUT/endpoint.tmp" "$OUT/endpoint"
            curl -s --max-time 2 -H "Authorization: Bearer $LATCHKEY_CREDENTIALS_TOKEN" "$LATCHKEY_CREDENTIALS_URL?format=env" \\
              | grep -c '^[ST]="' > "$OUT/env-lines"
            i=0
            while [ $i -lt 90 ] && [ ! -f "$OUT/stop" ]; do
              body=$(curl -s --max-time 2 -H "Authorization: Bearer $LATCHKEY_CREDENTIALS_TOKEN" "$LATCHKEY_CREDENTIALS_URL") || exit 7
              t=$(printf %s "$body" | jq -r .variables.T.value | cksum | cut -d' ' -f1)
              te=$(printf %s "$body" | jq -r .variables.T.expiresAt)
              se=$(printf %s "$body" | jq -r .variables.S.expiresAt)
              echo "$t $te $se" >> "$OUT/polls"
              sleep 0.5
              i=$((i+1))
            done
            """;

    /** Prints its first token, polls until the endpoint serves a re-minted one, keeps it for the test and prints it. */
    private static final String PRINTS_REMINTED = """
            echo "first: $T"
            i=0
            while [ $i -lt 60 ]; do
              new=$(curl -s --max-time 2 -H "Authorization: Bearer $LATCHKEY_CREDENTIALS_TOKEN" "$LATCHKEY_CREDENTIALS_URL" \\
                | jq -r .variables.T.value) || exit 7
              if [ -n "$new" ] && [ "$new" != null ] && [ "$new" != "$T" ]; then
                printf %s "$new" > "$OUT/reminted"
                echo "re-minted: $new"
                exit 0
              fi
              sleep 0.5
              i=$((i+1))
            done
            exit 9
            """;

    @TempDir
    Path home;

    private static void needCurlAndJq() {
        for (String tool : List.of("curl", "jq")) {
            if (Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).noneMatch(d -> Files.isExecutable(Path.of(d, tool)))) {
                RealParts.missing(tool + " is needed by the polling child (.ci/run installs it)");
            }
        }
    }

    @Test
    void aReMintedTokenTheChildPrintsIsMaskedLikeTheFirst() throws Exception {
        needCurlAndJq();
        Path out = Files.createDirectories(home.resolve("child"));
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            CliRun ran = DevLogin.signedIn(home, broker.url(), "ada").run("run", "--refresh-endpoint",
                    "--sandbox", "T=payments-sandbox:6s", "--env", "OUT=" + out, "--", "sh", "-c", PRINTS_REMINTED);
            assertThat(ran.exitCode).as(ran.toString()).isZero();
            String reminted = Files.readString(out.resolve("reminted"));
            assertThat(reminted).hasSizeGreaterThan(20);
            assertThat(ran.childOut).contains("first: <latchkey:T>", "re-minted: <latchkey:T>").doesNotContain(reminted);
        }
    }

    @Test
    void aChildPollsAcrossARenewalAndAnExtensionAndKeepsRunning() throws Exception {
        needCurlAndJq();
        Path out = Files.createDirectories(home.resolve("child"));
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            CliRun.World ada = DevLogin.signedIn(home, broker.url(), "ada");
            CliRun granted = ada.run("request", "payments/staging", "--duration", "2m", "--reason", "PAY-9 hot refresh", "--json");
            assertThat(granted.exitCode).as(granted.toString()).isZero();
            String grant = JSON.readTree(granted.out).path("grant").path("id").asText();

            CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> ada.run("run", "--refresh-endpoint",
                    "--sandbox", "T=staging-sandbox:6s", "--env", "S=latchkey://payments/staging/db-url",
                    "--env", "OUT=" + out, "--", "sh", "-c", CHILD));
            Path polls = out.resolve("polls");
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(polls).size() >= 2);
            String[] endpoint = Files.readString(out.resolve("endpoint")).strip().split(" ");
            assertThat(endpoint[0]).startsWith("http://127.0.0.1:").endsWith("/v1/credentials");
            assertThat(Files.readString(out.resolve("env-lines")).strip()).isEqualTo("2");
            String firstAccessEnd = lines(polls).getFirst().split(" ")[2];
            String firstToken = lines(polls).getFirst().split(" ")[0];

            // The token alone is not enough: this test's JVM is not in the launch's process tree.
            HttpResponse<String> outsider = get(endpoint[0], endpoint[1]);
            assertThat(outsider.statusCode()).as(outsider.body()).isEqualTo(403);
            assertThat(outsider.body()).contains("\"type\":\"forbidden\"").doesNotContain("value");

            // The sandbox token (6 s) is re-minted before it expires, with a later expiry.
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(polls).stream().map(l -> l.split(" ")[0]).distinct().count() >= 3);

            CliRun extend = ada.run("extend", grant, "--duration", "30m", "--reason", "PAY-9 a little longer");
            assertThat(extend.exitCode).as(extend.toString()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> Instant.parse(last(polls).split(" ")[2])
                    .isAfter(Instant.parse(firstAccessEnd).plus(Duration.ofMinutes(20))));
            List<String> tokenExpiries = lines(polls).stream().map(l -> l.split(" ")[1]).distinct().toList();
            assertThat(tokenExpiries).as("every renewed token expires later").isSorted();
            assertThat(lines(polls).stream().map(l -> l.split(" ")[0])).contains(firstToken);

            Files.writeString(out.resolve("stop"), "");
            CliRun done = run.get(60, TimeUnit.SECONDS);
            assertThat(done.exitCode).as("the child kept running to its own end: " + done).isZero();
            assertThat(done.err).doesNotContain(endpoint[1]);
            assertThatThrownBy(() -> get(endpoint[0], endpoint[1])).as("the endpoint ended with the child")
                    .isInstanceOf(IOException.class);
        }
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static String last(Path file) throws IOException {
        List<String> l = lines(file);
        return l.getLast();
    }
}
