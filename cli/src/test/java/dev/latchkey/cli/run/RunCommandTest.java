package dev.latchkey.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.common.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code latchkey run} in this JVM with real children; no broker needed for plain values. */
class RunCommandTest {

    @TempDir
    Path home;

    @Test
    void theChildsExitCodeIsTheCliExitCode() {
        CliRun run = CliRun.of(home, "run", "--env", "GREETING=hello", "--", "sh", "-c", "echo \"$GREETING\"; exit 42");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(42);
        assertThat(run.childOut).isEqualTo("hello\n");
    }

    @Test
    void aChildKilledBySignalGives128PlusN() {
        CliRun run = CliRun.of(home, "run", "--", "sh", "-c", "kill -TERM $$");
        assertThat(run.exitCode).isEqualTo(143);
    }

    @Test
    void noCommandIsAUsageErrorWithAHint() {
        CliRun run = CliRun.of(home, "run");
        assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).startsWith("latchkey: no command to run").contains("hint: ");
    }

    @Test
    void anUnknownCommandExits127AndSaysWhich() {
        CliRun run = CliRun.of(home, "run", "--", "no-such-program-xyz");
        assertThat(run.exitCode).isEqualTo(ExitCodes.CANNOT_START);
        assertThat(run.err).contains("command not found: no-such-program-xyz");
    }

    @Test
    void aReferenceWithoutASessionSaysToSignInAndStartsNothing() {
        Path marker = home.resolve("started");
        CliRun run = CliRun.of(home, Map.of("LATCHKEY_BROKER", "http://127.0.0.1:9"), null,
                "run", "--env", "DB_URL=latchkey://payments/dev/db-url", "--", "touch", marker.toString());
        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
        assertThat(run.err).contains("not signed in").contains("hint: run: latchkey login");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aReferenceWithoutABrokerSaysHowToNameOne() {
        CliRun run = CliRun.of(home, "run", "--env", "DB_URL=latchkey://payments/dev/db-url", "--", "true");
        assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).contains("no broker given").contains("LATCHKEY_BROKER");
    }

    @Test
    void aSandboxLifetimeTakesTheSharedGrammarAndABadOneIsAUsageError() {
        Path marker = home.resolve("started");
        CliRun run = CliRun.of(home, "run", "--sandbox", "T=payments-sandbox:soon", "--", "touch", marker.toString());
        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).contains("--sandbox T=payments-sandbox:soon: 'soon' is not a duration; write it like 90s, 15m,"
                + " 1h30m, 2d or PT1H30M").doesNotContain("Exception");
        assertThat(marker).doesNotExist();
        CliRun iso = CliRun.of(home, "run", "--sandbox", "T=payments-sandbox:PT10M", "--", "true");
        assertThat(iso.err).as("PT10M is a duration; the launch gets as far as needing a broker")
                .doesNotContain("not a duration").contains("no broker given");
    }

    @Test
    void aBadReferenceNamesTheVariableAndWhatIsWrong() {
        CliRun run = CliRun.of(home, "run", "--env", "DB_URL=latchkey://payments/db-url", "--", "true");
        assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).contains("--env DB_URL: a reference has three parts");
    }

    @Test
    void aProfileFromLatchkeyTomlRunsWithItsVariables() throws Exception {
        Files.writeString(home.resolve("latchkey.toml"), """
                [profiles.hello]
                command = "sh"
                args = ["-c", "echo \\"$WHO\\" from $PWD; exit 7"]
                workdir = "sub"

                [profiles.hello.env]
                WHO = "ada"
                """);
        Files.createDirectories(home.resolve("sub"));
        CliRun run = CliRun.of(home, "run", "--profile", "hello");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(7);
        assertThat(run.childOut).isEqualTo("ada from " + home.resolve("sub") + "\n");
    }

    @Test
    void aBrokenProfileFileNamesFileAndLine() throws Exception {
        Files.writeString(home.resolve("latchkey.toml"), "[profiles.hello]\ncommand = \"sh\"\nmask = 3\n");
        CliRun run = CliRun.of(home, "run", "--profile", "hello");
        assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).contains("latchkey.toml:3: mask in profile hello must be true or false");
    }

    @Test
    void historyListsLaunchesWithReferencesAndJson() {
        CliRun.of(home, "run", "--env", "A=plain", "--", "sh", "-c", "exit 5");
        CliRun table = CliRun.of(home, "history");
        assertThat(table.exitCode).isZero();
        assertThat(table.out).contains("EXIT", "sh -c exit 5", "(command line)");
        CliRun json = CliRun.of(home, "history", "--json");
        assertThat(json.out).contains("\"exitCode\" : 5", "\"command\" : [ \"sh\", \"-c\", \"exit 5\" ]");
    }

    @Test
    void theCompletionScriptIsGeneratedByPicocli() {
        CliRun run = CliRun.of(home, "generate-completion");
        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("complete -F", "latchkey", "history", "run");
    }
}
