package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.common.Inherited;
import dev.latchkey.cli.common.JsonOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command shares comes from the picocli mixins (STYLE.md), so it reads and behaves the
 * same everywhere: the world, {@code --broker} and the client through {@link Inherited}, and
 * {@code --json} through {@link JsonOutput}.
 */
class SharedOptionsTest {

    @Test
    void everyCommandTakesTheRootThroughTheMixinAndJsonFromTheJsonMixin() {
        List<CommandSpec> commands = new ArrayList<>();
        below(LatchkeyCommand.commandLine(), commands);

        assertThat(commands).hasSizeGreaterThan(Subcommands.NAMES.size());
        for (CommandSpec c : commands) {
            assertThat(mixedIn(c, Inherited.class)).as(c.qualifiedName()).isTrue();
            if (c.findOption("--json") != null) {
                assertThat(mixedIn(c, JsonOutput.class)).as(c.qualifiedName() + " --json").isTrue();
            }
        }
    }

    @Test
    void theBrokerNamedBeforeOrAfterTheCommandReachesIt() {
        for (String[] args : List.of(new String[] {"--broker", "https://broker.example", "scopes"},
                new String[] {"scopes", "--broker=https://broker.example"})) {
            CommandLine cmd = LatchkeyCommand.commandLine(LatchkeyCommand.systemContext(), args);
            CommandLine.ParseResult parsed = cmd.parseArgs(args);
            Inherited cli = (Inherited) parsed.subcommand().commandSpec().mixins().get("cli").userObject();

            assertThat(cli.brokerOption()).as(String.join(" ", args)).isEqualTo("https://broker.example");
        }
    }

    private static void below(CommandLine parent, List<CommandSpec> into) {
        for (CommandLine sub : parent.getSubcommands().values()) {
            if (!sub.getCommandName().equals(Subcommands.COMPLETION)) {
                into.add(sub.getCommandSpec());
                below(sub, into);
            }
        }
    }

    private static boolean mixedIn(CommandSpec c, Class<?> mixin) {
        return c.mixins().values().stream().anyMatch(m -> mixin.isInstance(m.userObject()));
    }
}
