package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code main} builds only the subcommand its arguments name: every answer (help, completion,
 * errors, exit codes) reads exactly as from the whole tree, and every command is still reached.
 */
class SubcommandsTest {

    /** What a person may type: each command's help, then words that need the whole tree or trip picocli. */
    static Stream<List<String>> arguments() {
        List<List<String>> all = new ArrayList<>();
        HelpEverywhereTest.everyCommand().forEach(words -> {
            for (String help : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(words);
                args.add(help);
                all.add(args);
            }
        });
        all.addAll(List.of(List.of(), List.of("--version"), List.of("-V"), List.of("generate-completion"),
                List.of("bogus"), List.of("--debug", "bogus"), List.of("statu"), List.of("run", "--bogus"),
                List.of("run", "-V"), List.of("--", "run"), List.of("--broker", "http://127.0.0.1:9", "--help"),
                List.of("--broker", "http://127.0.0.1:9", "status", "--help"), List.of("--broker=http://127.0.0.1:9", "run", "-h"),
                List.of("--debug", "guard", "scan", "--help"), List.of("deny", "r_1"), List.of("secrets", "Payments/Prod"),
                List.of("guard", "nonsense"), List.of("--broker")));
        return all.stream();
    }

    @ParameterizedTest(name = "latchkey {0}")
    @MethodSource("arguments")
    void theCommandAloneAnswersAsTheWholeTree(List<String> words) {
        String[] args = words.toArray(String[]::new);

        Answer lazy = answer(LatchkeyCommand.commandLine(LatchkeyCommand.systemContext(), args), args);
        Answer whole = answer(LatchkeyCommand.commandLine(), args);

        assertThat(lazy).isEqualTo(whole);
    }

    @Test
    void theNamesAreTheCommandsInHelpOrder() {
        assertThat(LatchkeyCommand.commandLine().getSubcommands().keySet()).containsExactlyElementsOf(Subcommands.NAMES);
        for (String name : Subcommands.NAMES) {
            assertThat(Subcommands.type(name).getAnnotation(Command.class).name()).isEqualTo(name);
        }
    }

    @Test
    void eachCommandIsReachedAloneAndOnlyAHelpOrUnknownWordBuildsTheTree() {
        for (String name : Subcommands.NAMES) {
            String[] args = {"--broker", "http://127.0.0.1:9", "--debug", name, "--help"};
            CommandLine cmd = LatchkeyCommand.commandLine(LatchkeyCommand.systemContext(), args);
            List<String> expected = name.equals(Subcommands.COMPLETION) ? Subcommands.NAMES : List.of(name);
            assertThat(cmd.getSubcommands().keySet()).as(name).containsExactlyElementsOf(expected);
        }
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"stat"}, new String[] {"@args"},
                new String[] {"--", "run"})) {
            assertThat(LatchkeyCommand.commandLine(LatchkeyCommand.systemContext(), args).getSubcommands().keySet())
                    .containsExactlyElementsOf(Subcommands.NAMES);
        }
    }

    @Test
    void theAgentAloneIsLongRunningByItsOwnDeclarationNotByAWordInTheArguments() {
        for (String name : Subcommands.NAMES) {
            assertThat(Subcommands.longRunning(new String[] {"--broker", "http://127.0.0.1:9", "--debug", name}))
                    .as(name).isEqualTo(name.equals("agent"));
        }
        for (String[] args : List.of(new String[] {"secrets", "agent"}, new String[] {"request", "p/d", "--reason", "agent"},
                new String[] {"--", "agent"}, new String[] {"--broker", "agent"}, new String[] {"@agent"}, new String[0])) {
            assertThat(Subcommands.longRunning(args)).as(String.join(" ", args)).isFalse();
        }
    }

    private record Answer(int exit, String out, String err) {
    }

    private static Answer answer(CommandLine cmd, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Answer(exit, out.toString(), err.toString());
    }
}
