package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.common.CliContext;
import dev.latchkey.core.Session;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain {@code latchkey status} answered without picocli answers exactly as the picocli command does. */
class StatusPlainTest {

    @TempDir
    Path home;

    private CliContext context(Map<String, String> extra) {
        return new CliContext(CliRun.env(home, extra), home, Clock.systemUTC(), new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new ByteArrayOutputStream(), false,
                url -> Session.builder(url).credentialStore(new InMemoryCredentialStore()).build(), url -> () -> "unused",
                CliContext.noAgent(), () -> {
                    throw new AssertionError("status needs no leak guard");
                });
    }

    @Test
    void takesStatusWithJsonAfterItAndDebugAnywhereEachOnce() {
        assertThat(StatusCommand.plain(new String[] {"status"})).contains(false);
        assertThat(StatusCommand.plain(new String[] {"status", "--json"})).contains(true);
        assertThat(StatusCommand.plain(new String[] {"--debug", "status", "--json"})).contains(true);
        assertThat(StatusCommand.plain(new String[] {"status", "--debug"})).contains(false);
        for (String[] args : List.of(new String[0], new String[] {"--json", "status"}, new String[] {"status", "--json", "--json"},
                new String[] {"--debug", "status", "--debug"}, new String[] {"status", "status"}, new String[] {"status", "--help"},
                new String[] {"status", "-h"}, new String[] {"status", "--version"}, new String[] {"--broker", "http://127.0.0.1:9", "status"},
                new String[] {"--broker=http://127.0.0.1:9", "status"}, new String[] {"status", "extra"}, new String[] {"login"},
                new String[] {"status", "--json=true"})) {
            assertThat(StatusCommand.plain(args)).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void answersAsThePicocliCommandDoes() {
        for (Map<String, String> env : List.of(Map.of("LATCHKEY_BROKER", "http://127.0.0.1:9"), Map.<String, String>of())) {
            for (String[] args : List.of(new String[] {"status"}, new String[] {"status", "--json"},
                    new String[] {"--debug", "status"}, new String[] {"status", "--json", "--debug"})) {
                Answer plain = plain(args, context(env));
                Answer picocli = picocli(args, context(env));
                assertThat(plain).as(env + " " + String.join(" ", args)).isEqualTo(picocli);
                assertThat(plain.code()).as(plain.toString()).isEqualTo(env.isEmpty() ? 1 : 2);
            }
        }
    }

    @Test
    void leavesEveryOtherCommandToPicocli() {
        var out = new StringWriter();
        assertThat(StatusCommand.executePlain(new String[] {"status", "--help"}, context(Map.of()), new PrintWriter(out),
                new PrintWriter(new StringWriter()))).isEmpty();
        assertThat(out.toString()).isEmpty();
    }

    private record Answer(int code, String out, String err) {
    }

    private static Answer plain(String[] args, CliContext ctx) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = StatusCommand.executePlain(args, ctx, new PrintWriter(out), new PrintWriter(err)).orElseThrow();
        return new Answer(code, out.toString(), withoutStack(err.toString()));
    }

    private static Answer picocli(String[] args, CliContext ctx) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cmd = LatchkeyCommand.commandLine(ctx, args);
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Answer(code, out.toString(), withoutStack(err.toString()));
    }

    /** The cause chain's frames differ by the path taken (picocli's or not); its lines of text may not. */
    private static String withoutStack(String err) {
        return err.lines().filter(l -> !l.startsWith("      at ")).reduce("", (a, l) -> a + l + "\n");
    }
}
