package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code --help} and {@code -h} answer after every command and subcommand, at any depth. */
class HelpEverywhereTest {

    /** Every command of the tree as the words a user types, the root as no words at all. */
    static Stream<List<String>> everyCommand() {
        List<List<String>> commands = new ArrayList<>();
        collect(LatchkeyCommand.commandLine(), commands);
        return commands.stream();
    }

    private static void collect(CommandLine command, List<List<String>> into) {
        List<String> words = Arrays.asList(command.getCommandSpec().qualifiedName(" ").split(" "));
        into.add(List.copyOf(words.subList(1, words.size())));
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    @Test
    void theWalkReachesTheCommandsANewcomerAsksAbout() {
        assertThat(everyCommand()).contains(List.of(), List.of("run"), List.of("login"), List.of("request"),
                List.of("grants"), List.of("generate-completion"));
    }

    @ParameterizedTest(name = "latchkey {0} --help")
    @MethodSource("everyCommand")
    void longHelpPrintsTheCommandsUsageAndSucceeds(List<String> command) {
        assertHelp(command, "--help");
    }

    @ParameterizedTest(name = "latchkey {0} -h")
    @MethodSource("everyCommand")
    void shortHelpPrintsTheCommandsUsageAndSucceeds(List<String> command) {
        assertHelp(command, "-h");
    }

    private static void assertHelp(List<String> command, String flag) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = LatchkeyCommand.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(command);
        args.add(flag);

        int exit = cmd.execute(args.toArray(String[]::new));

        assertThat(exit).as("exit code of latchkey %s", String.join(" ", args)).isZero();
        assertThat(out.toString()).startsWith("Usage: " + String.join(" ", Stream.concat(Stream.of("latchkey"),
                command.stream()).toList())).contains("-h, --help");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aSubcommandsVersionIsLatchkeys() {
        StringWriter out = new StringWriter();
        CommandLine cmd = LatchkeyCommand.commandLine();
        cmd.setOut(new PrintWriter(out));

        assertThat(cmd.execute("run", "--version")).isZero();
        assertThat(out.toString()).startsWith("latchkey ");
    }

    @Test
    void runHelpFromARealProcessPrintsUsageAndExitsZero(@TempDir Path home) throws Exception {
        Process cli = CliProcess.start(home, Map.of(), List.of("run", "--help"));
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as("exit code; stderr: %s", err).isZero();
        assertThat(out).startsWith("Usage: latchkey run").contains("--sandbox", "-h, --help");
    }
}
