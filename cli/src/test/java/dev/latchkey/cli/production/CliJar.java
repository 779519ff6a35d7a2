package dev.latchkey.cli.production;

import dev.latchkey.cli.CliRun;
import dev.latchkey.testsupport.keycloak.KeycloakConsentRace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person at a terminal running the real {@code latchkey} jar: their own HOME, the OS account
 * they run as (people sharing one Secret Service differ by it), and the session bus of this test
 * run, so the session goes to the real keychain.
 */
final class CliJar {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Pattern LINK = Pattern.compile("\\(or open (\\S+)\\)");

    private final Path home;
    private final String osUser;

    CliJar(Path home, String osUser) {
        this.home = home;
        this.osUser = osUser;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("latchkey.cli.jar", "target/latchkey.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the CLI jar " + jar + " is missing; run the integration tests after package");
        }
        return jar;
    }

    /** Runs {@code latchkey args...} to its end. */
    Ran run(String... args) throws IOException, InterruptedException {
        return Ran.of(start(args), LIMIT);
    }

    /**
     * {@code latchkey login --broker URL --no-browser}: reads the link it prints and hands it to
     * {@code browser} (the person signing in), then waits for the command to end.
     */
    Ran login(URI broker, Consumer<URI> browser) throws IOException, InterruptedException {
        Ran first = loginOnce(broker, browser);
        if (first.exit() != 0 && KeycloakConsentRace.said(first.err())) {
            // Keycloak approves the device code before its transaction has stored the consent just given; a poll
            // landing in between is refused and spends the code (its own source calls this possible). The CLI's
            // hint tells a person to sign in once more; the test does so once, the refusal kept in its transcript.
            KeycloakConsentRace.signingInOnceMore(first.err());
            return loginOnce(broker, browser);
        }
        return first;
    }

    private Ran loginOnce(URI broker, Consumer<URI> browser) throws IOException, InterruptedException {
        Process p = start("login", "--broker", broker.toString(), "--no-browser");
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> Ran.read(p.getInputStream()));
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        try {
            String line;
            while ((line = err.readLine()) != null) {
                seen.append(line).append('\n');
                Matcher m = LINK.matcher(line);
                if (m.find()) {
                    browser.accept(URI.create(m.group(1)));
                    break;
                }
            }
        } catch (RuntimeException | IOException e) {
            p.destroyForcibly();
            throw e;
        }
        CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> readRest(err));
        Ran ran = Ran.finish(p, LIMIT, out, rest);
        return new Ran(ran.exit(), ran.out(), seen + ran.err());
    }

    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Duser.name=" + osUser, "-jar",
                jar().toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(CliRun.env(home, Map.of("USER", osUser)));
        return pb.start();
    }

    private static String readRest(BufferedReader in) {
        StringBuilder b = new StringBuilder();
        try (in) {
            String line;
            while ((line = in.readLine()) != null) {
                b.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }
}
