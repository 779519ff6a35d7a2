package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.common.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LatchkeyCommandTest {

    @Test
    void versionNamesTheProgram() {
        StringWriter out = new StringWriter();
        CommandLine cmd = LatchkeyCommand.commandLine();
        cmd.setOut(new PrintWriter(out));

        int exit = cmd.execute("--version");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("latchkey ");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCodeTwoFromPicocliMappedToOne() {
        StringWriter err = new StringWriter();
        CommandLine cmd = LatchkeyCommand.commandLine();
        cmd.setErr(new PrintWriter(err));

        int exit = cmd.execute("--no-such-option");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void theCompletionScriptAndHelpKnowEveryCommandAndItsOptions() {
        StringWriter out = new StringWriter();
        CommandLine cmd = LatchkeyCommand.commandLine();
        cmd.setOut(new PrintWriter(out));

        assertThat(cmd.execute("generate-completion")).isZero();

        assertThat(out.toString()).contains("request", "requests", "approve", "deny", "cancel", "grants", "revoke",
                "extend", "sandboxes", "--to-review", "--dry-run", "--wait", "--timeout", "--reason", "--duration");
        StringWriter help = new StringWriter();
        cmd.setOut(new PrintWriter(help));
        cmd.execute("--help");
        assertThat(help.toString()).contains("request", "5  request --wait: still pending");
    }

    @Test
    void denyWithoutAReasonIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cmd = LatchkeyCommand.commandLine();
        cmd.setErr(new PrintWriter(err));

        assertThat(cmd.execute("deny", "r_1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Missing required option: '--reason=TEXT'", "hint: see: latchkey deny --help");
    }

    @Test
    void aMalformedScopeIsAUsageErrorNamingTheRuleNotADenial() {
        for (List<String> args : List.of(List.of("secrets", "Payments/Prod"), List.of("secrets", "payments"),
                List.of("request", " payments/prod", "--duration", "1h", "--reason", "PAY-1 looking into it"))) {
            StringWriter err = new StringWriter();
            CommandLine cmd = LatchkeyCommand.commandLine();
            cmd.setErr(new PrintWriter(err));

            assertThat(cmd.execute(args.toArray(String[]::new))).as(args.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).as(args.toString()).contains("is not a scope", "payments/dev");
        }
    }
}
