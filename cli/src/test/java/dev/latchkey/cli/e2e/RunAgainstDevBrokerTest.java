package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end path: a dev broker, ada signed in through the dev IdP form, and {@code latchkey run}. */
class RunAgainstDevBrokerTest {

    static final String DB_REF = "latchkey://payments/dev/db-url";
    static final String DB_VALUE = DemoOrganisation.values().get("payments/dev/db-url");

    static RunningBroker broker;
    static String adaToken;

    @TempDir
    Path home;

    @BeforeAll
    static void startBrokerAndSignInAsAda() throws Exception {
        broker = LatchkeyBroker.start(BrokerConfig.dev());
        adaToken = DevSignIn.accessToken(broker.url(), "ada");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private CliRun latchkey(String... args) {
        return CliRun.of(home, Map.of("LATCHKEY_BROKER", broker.url().toString()), () -> adaToken, args);
    }

    @Test
    void theChildsOutputShowsTheNameNotTheValue() {
        CliRun run = latchkey("run", "--env", "DB_URL=" + DB_REF, "--", "sh", "-c", "echo \"$DB_URL\"");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.childOut).isEqualTo("<latchkey:DB_URL>\n");
    }

    @Test
    void withNoMaskTheRealValueShows() {
        CliRun run = latchkey("run", "--no-mask", "--env", "DB_URL=" + DB_REF, "--", "sh", "-c", "echo \"$DB_URL\"");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.childOut).isEqualTo(DB_VALUE + "\n");
    }

    @Test
    void theChildsEnvironmentHasTheValuesAndNoLatchkeyToken() {
        CliRun run = CliRun.of(home, Map.of("LATCHKEY_BROKER", broker.url().toString(), "LATCHKEY_SESSION", adaToken),
                () -> adaToken, "run", "--no-mask", "--env", "DB_URL=" + DB_REF,
                "--env", "KEY=latchkey://payments/dev/stripe-api-key", "--", "env");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.childOut).contains("DB_URL=" + DB_VALUE,
                        "KEY=" + DemoOrganisation.values().get("payments/dev/stripe-api-key"))
                .doesNotContain(adaToken).doesNotContain("LATCHKEY_");
    }

    @Test
    void theChildsArgvHoldsNoValue() {
        CliRun run = latchkey("run", "--no-mask", "--env", "DB_URL=" + DB_REF, "--",
                "sh", "-c", "tr '\\0' ' ' < /proc/$$/cmdline; echo; echo \"len=${#DB_URL}\"");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.childOut).contains("sh -c").contains("len=" + DB_VALUE.length()).doesNotContain(DB_VALUE);
    }

    @Test
    void aProdRefWithoutAGrantFailsWithTheRequestCommandAndStartsNothing() {
        Path marker = home.resolve("started");
        CliRun run = latchkey("run", "--env", "DB_URL=latchkey://payments/prod/db-url", "--env", "DEV=" + DB_REF,
                "--", "touch", marker.toString());
        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.ACCESS_DENIED);
        assertThat(run.err).contains("latchkey://payments/prod/db-url",
                "latchkey request payments/prod --duration 1h").doesNotContain(DB_VALUE);
        assertThat(marker).doesNotExist();
    }

    @Test
    void theChildsExitCode42IsTheCliExitCode() {
        CliRun run = latchkey("run", "--env", "DB_URL=" + DB_REF, "--", "sh", "-c", "exit 42");
        assertThat(run.exitCode).isEqualTo(42);
    }

    @Test
    void historyNamesTheReferencesAndHoldsNoValue() throws Exception {
        latchkey("run", "--no-mask", "--env", "DB_URL=" + DB_REF, "--", "sh", "-c", "echo \"$DB_URL\"");
        CliRun history = latchkey("history", "--json");
        assertThat(history.out).contains(DB_REF).doesNotContain(DB_VALUE);
        try (var files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(DB_VALUE).doesNotContain(adaToken);
            }
        }
    }

    @Test
    void scopesAndSecretsListWhatAdaMaySeeWithoutValues() {
        CliRun scopes = latchkey("scopes", "--json");
        assertThat(scopes.exitCode).as(scopes.toString()).isZero();
        assertThat(scopes.out).contains("\"scope\" : \"payments/dev\"", "\"access\" : \"standing\"",
                "\"scope\" : \"payments/prod\"", "\"access\" : \"requestable\"");
        CliRun secrets = latchkey("secrets", "payments/dev");
        assertThat(secrets.exitCode).as(secrets.toString()).isZero();
        assertThat(secrets.out).contains(DB_REF).doesNotContain(DB_VALUE);
    }

    @Test
    void aTokenTheBrokerNoLongerAcceptsMeansSignInAgain() {
        CliRun run = CliRun.of(home, Map.of("LATCHKEY_BROKER", broker.url().toString()), () -> "not-a-valid-token",
                "scopes");
        assertThat(run.exitCode).isEqualTo(ExitCodes.NOT_SIGNED_IN);
        assertThat(run.err).contains("hint: run: latchkey login").doesNotContain("not-a-valid-token");
    }
}
