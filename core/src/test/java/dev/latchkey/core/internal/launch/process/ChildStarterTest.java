package dev.latchkey.core.internal.launch.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.internal.launch.ChildEnvironment;
import dev.latchkey.core.launch.process.ChildStartException;
import dev.latchkey.core.launch.process.ChildStarter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real children: sh, env, and the kernel's view of them in /proc. */
class ChildStarterTest {

    @TempDir
    Path folder;

    private ChildCommand sh(String script, Map<String, String> env) {
        return new ChildCommand(List.of("sh", "-c", script), folder, env);
    }

    private static Map<String, String> base(Map<String, String> vars) {
        return ChildEnvironment.build(System.getenv(), true, vars);
    }

    @Test
    void theChildsExitCodeComesBack() throws Exception {
        RunningChild child = ChildStarts.start(ChildStarter.pipesWithInput(), sh("exit 42", base(Map.of())));
        assertThat(child.waitFor()).isEqualTo(42);
    }

    @Test
    void aChildEndedBySignalGives128PlusN() throws Exception {
        RunningChild child = ChildStarts.start(ChildStarter.pipesWithInput(), sh("kill -TERM $$; sleep 5", base(Map.of())));
        assertThat(child.waitFor()).isEqualTo(128 + 15);
        RunningChild killed = ChildStarts.start(ChildStarter.pipesWithInput(), sh("kill -KILL $$; sleep 5", base(Map.of())));
        assertThat(killed.waitFor()).isEqualTo(128 + 9);
    }

    @Test
    void valuesReachTheChildsEnvironmentAndNeverItsArgv() throws Exception {
        String value = "postgres://u:pw-" + System.nanoTime() + "@db/x";
        RunningChild child = ChildStarts.start(ChildStarter.pipesWithInput(),
                sh("echo ready; read line", base(Map.of("DB_URL", value))));
        child.stdout().read(new byte[6]);
        byte[] cmdline = Files.readAllBytes(Path.of("/proc/" + child.pid() + "/cmdline"));
        byte[] environ = Files.readAllBytes(Path.of("/proc/" + child.pid() + "/environ"));
        child.stdin().write('\n');
        child.stdin().flush();
        child.waitFor();

        assertThat(new String(cmdline, StandardCharsets.UTF_8)).doesNotContain(value).contains("echo ready");
        assertThat(new String(environ, StandardCharsets.UTF_8)).contains("DB_URL=" + value);
    }

    @Test
    void inAPtyValuesAreInTheEnvironmentAndNotInAnyArgv() throws Exception {
        String value = "pty-secret-" + System.nanoTime();
        RunningChild child = ChildStarts.start(ChildStarter.pty(80, 24), sh("echo ready; read line", base(Map.of("DB_URL", value))));
        child.stdout().read(new byte[5]);
        StringBuilder argvs = new StringBuilder();
        // The child and anything pty4j starts to set up the terminal: none may carry the value in argv.
        for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
            try {
                argvs.append(Files.readString(Path.of("/proc/" + p.pid() + "/cmdline"))).append('\n');
            } catch (IOException gone) {
                // ended meanwhile
            }
        }
        String environ = new String(Files.readAllBytes(Path.of("/proc/" + child.pid() + "/environ")), StandardCharsets.UTF_8);
        child.stdin().write("\n".getBytes(StandardCharsets.UTF_8));
        child.stdin().flush();
        child.stdout().readAllBytes();
        child.waitFor();

        assertThat(argvs.toString()).contains("echo ready").doesNotContain(value);
        assertThat(environ).contains("DB_URL=" + value);
    }

    @Test
    void aPtyChildSeesATerminalAndAPipedOneDoesNot() throws Exception {
        RunningChild inPty = ChildStarts.start(ChildStarter.pty(80, 24),
                sh("if [ -t 1 ]; then echo TTY; else echo NOTTY; fi", base(Map.of("TERM", "xterm"))));
        String ptyOut = new String(inPty.stdout().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(inPty.waitFor()).isZero();
        assertThat(ptyOut).contains("TTY").doesNotContain("NOTTY");

        RunningChild piped = ChildStarts.start(ChildStarter.pipesWithInput(),
                sh("if [ -t 1 ]; then echo TTY; else echo NOTTY; fi", base(Map.of())));
        assertThat(new String(piped.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("NOTTY\n");
    }

    @org.junit.jupiter.api.RepeatedTest(20)
    void aPtyChildThatExitsAtOnceLosesNoOutput() throws Exception {
        RunningChild child = ChildStarts.start(ChildStarter.pty(80, 24), sh("echo last words; exit 4", base(Map.of())));
        String out = new String(child.stdout().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).isEqualTo(4);
        assertThat(out).contains("last words");
    }

    @Test
    void aPtyChildsExitCodeAndSignalEndComeBack() throws Exception {
        RunningChild exits = ChildStarts.start(ChildStarter.pty(80, 24), sh("exit 42", base(Map.of())));
        exits.stdout().readAllBytes();
        assertThat(exits.waitFor()).isEqualTo(42);
        RunningChild killed = ChildStarts.start(ChildStarter.pty(80, 24), sh("kill -TERM $$; sleep 5", base(Map.of())));
        killed.stdout().readAllBytes();
        assertThat(killed.waitFor()).isEqualTo(128 + 15);
    }

    @Test
    void anUnknownProgramIsATypedErrorNamingIt() {
        ChildCommand missing = new ChildCommand(List.of("no-such-program-xyz"), folder, base(Map.of()));
        assertThatThrownBy(() -> ChildStarts.start(ChildStarter.pipes(), missing))
                .isInstanceOf(ChildStartException.class)
                .hasMessageContaining("command not found: no-such-program-xyz");
    }

    @Test
    void latchkeysOwnVariablesAreNeverInheritedAndPristineKeepsOnlyTheBase() throws IOException {
        Map<String, String> parent = Map.of("PATH", "/bin", "HOME", "/h", "LATCHKEY_TOKEN", "tok", "latchkey_x", "y",
                "EDITOR", "vi");
        assertThat(ChildEnvironment.build(parent, false, Map.of("A", "1")))
                .containsOnlyKeys("PATH", "HOME", "EDITOR", "A");
        assertThat(ChildEnvironment.build(parent, true, Map.of("A", "1")))
                .containsOnlyKeys("PATH", "HOME", "A");
        assertThatThrownBy(() -> ChildEnvironment.build(parent, false, Map.of("LATCHKEY_BROKER", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
