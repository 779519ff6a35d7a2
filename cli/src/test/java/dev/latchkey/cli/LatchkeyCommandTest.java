package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
