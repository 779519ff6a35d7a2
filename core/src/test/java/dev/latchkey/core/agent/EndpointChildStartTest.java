package dev.latchkey.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.testsupport.RealParts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launched child runs from its exec on, but its launch learns the pid only once the start
 * returns — later still on a loaded machine or under a tracer. A child that asks its endpoint at
 * once is answered, not told its program is not running; a caller while no child ever comes is
 * still refused.
 */
class EndpointChildStartTest {

    private static final SecretRef DB = SecretRef.parse("latchkey://payments/dev/db-url");
    private static final String VALUE = "postgres://ada:EARLY-CALLER-81@db/payments";

    @TempDir
    Path dir;

    @Test
    void aChildThatAsksBeforeItsLaunchKnowsItsPidIsAnswered() throws Exception {
        requireCurl();
        List<String> problems = new CopyOnWriteArrayList<>();
        LaunchCredentials credentials = credentials(problems);
        AtomicReference<Process> child = new AtomicReference<>();
        try (LaunchEndpoint endpoint = LaunchEndpoint.open(credentials, () -> child.get() == null ? OptionalLong.empty()
                : OptionalLong.of(child.get().pid()), problems::add)) {
            Process p = curl(endpoint).start();
            // The launch learns the pid late: curl has long connected and asked by then.
            Thread.sleep(400);
            child.set(p);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve("body"))).as("the early caller's answer").contains(VALUE);
        } finally {
            credentials.close();
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aCallerWhileNoChildEverStartsIsStillRefused() throws Exception {
        requireCurl();
        List<String> problems = new CopyOnWriteArrayList<>();
        LaunchCredentials credentials = credentials(problems);
        try (LaunchEndpoint endpoint = LaunchEndpoint.open(credentials, OptionalLong::empty, problems::add)) {
            Process p = curl(endpoint).start();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve("body"))).doesNotContain(VALUE).contains("not running");
        } finally {
            credentials.close();
        }
    }

    private LaunchCredentials credentials(List<String> problems) throws Exception {
        Resolution granted = new Resolution.Granted(Map.of(DB, new ResolvedSecret(DB, VALUE, Optional.empty(),
                Optional.empty())), Map.of());
        LaunchCredentials credentials = new LaunchCredentials((refs, sandboxes) -> granted,
                Map.of("DB", new EnvValue.Reference(DB)), Clock.systemUTC(), problems::add);
        // The launch resolves before it starts its child; the endpoint serves what it got.
        credentials.resolve(Set.of(DB), Map.of());
        return credentials;
    }

    private ProcessBuilder curl(LaunchEndpoint endpoint) {
        Map<String, String> vars = endpoint.childVariables();
        return new ProcessBuilder("curl", "-s", "--max-time", "10", "-o", dir.resolve("body").toString(),
                "-H", "Authorization: Bearer " + vars.get(LaunchEndpoint.TOKEN_VARIABLE), vars.get(LaunchEndpoint.URL_VARIABLE))
                .redirectErrorStream(true).redirectOutput(dir.resolve("curl.out").toFile());
    }

    private static void requireCurl() {
        if (Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).noneMatch(d -> Files.isExecutable(Path.of(d, "curl")))) {
            RealParts.missing("curl calls the endpoint as a launched program would (.ci/run installs it)");
        }
    }
}
