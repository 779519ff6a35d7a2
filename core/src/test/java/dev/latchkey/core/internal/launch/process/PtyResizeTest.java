package dev.latchkey.core.internal.launch.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.internal.launch.ChildEnvironment;
import dev.latchkey.core.launch.process.ChildStarter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A terminal resized while the child runs: the child gets SIGWINCH and sees the new size. */
class PtyResizeTest {

    @TempDir
    Path folder;

    private ChildCommand sh(String script) {
        return new ChildCommand(List.of("sh", "-c", script), folder, ChildEnvironment.build(System.getenv(), true, Map.of()));
    }

    @Test
    void aResizedPtyTellsTheChildItsNewSize() throws Exception {
        RunningChild child = ChildStarts.start(ChildStarter.pty(80, 24),
                sh("trap 'echo winch' WINCH; echo ready; while :; do sleep 0.05; "
                        + "case \"$(stty size)\" in '50 132') echo now 50 132; exit 0;; esac; done"));
        StringBuilder seen = new StringBuilder();
        InputStream out = child.stdout();
        while (!seen.toString().contains("ready")) {
            int b = out.read();
            assertThat(b).as("output so far: " + seen).isNotNegative();
            seen.append((char) b);
        }
        child.resize(132, 50);
        String rest = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).isZero();
        assertThat(rest).contains("winch", "now 50 132");
    }

    @Test
    void aChildOnPipesHasNoTerminalToResize() throws Exception {
        RunningChild child = ChildStarts.start(ChildStarter.pipes(), sh("exit 3"));
        child.resize(132, 50);
        assertThat(child.waitFor()).isEqualTo(3);
    }
}
