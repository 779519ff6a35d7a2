package dev.latchkey.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process of another user (uid 65534, started through {@code setpriv}, which needs root as CI
 * has) cannot use the agent: the 0700 folder keeps it from the socket, and where the folder has
 * been opened up, the kernel's peer credentials make the agent refuse it.
 */
class AgentOtherUserTest {

    private static final String NOBODY = "65534";

    @TempDir
    Path dir;

    @Test
    void anotherUserCannotReachTheSocketNorIsServedWhenItDoes() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        AgentPaths paths = new AgentPaths(dir.resolve("latchkey").resolve(AgentPaths.SOCKET));
        try (AgentServer server = AgentServer.start(paths, RawAgent.service(dir), line -> { })) {
            assertThat(server.paths().socket()).exists();
            Ran self = curl(paths.socket(), false);
            assertThat(self.out()).as(self.toString()).contains("\"protocol\":1");

            Ran blocked = curl(paths.socket(), true);
            assertThat(blocked.code()).as("the 0700 folder keeps uid 65534 out: %s", blocked).isNotZero();
            assertThat(blocked.out()).doesNotContain("\"protocol\"");

            // Someone loosened the folder and the socket: the peer check still refuses.
            Files.setPosixFilePermissions(paths.folder(), PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(paths.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
            Ran refused = curl(paths.socket(), true);
            assertThat(refused.out()).as(refused.toString()).contains("\"type\":\"forbidden\"").doesNotContain("\"protocol\"");
            assertThat(refused.out()).startsWith("403");
            // The hook script's call too (docs/guard.md): the check comes before any call is read.
            Ran hook = curl(paths.socket(), true, "-H", "Accept: text/plain", "-H", "Latchkey-Repository: " + dir,
                    "--data-binary", "latchkey-guard: end of diff\n", "http://agent/v1/guard/staged");
            assertThat(hook.out()).as(hook.toString()).startsWith("403").contains("\"type\":\"forbidden\"")
                    .doesNotContain("latchkey-guard-hook");
        }
    }

    record Ran(int code, String out, String err) {
    }

    private static Ran curl(Path socket, boolean asNobody) throws Exception {
        return curl(socket, asNobody, "http://agent/v1/hello");
    }

    private static Ran curl(Path socket, boolean asNobody, String... request) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (asNobody) {
            cmd.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        cmd.addAll(List.of("curl", "-s", "--max-time", "5", "-w", "\\n%{http_code}", "--unix-socket", socket.toString()));
        cmd.addAll(List.of(request));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            RealParts.missing("curl and setpriv (util-linux) are needed to connect as another user: " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        if (asNobody && err.contains("setpriv:")) {
            RealParts.missing("setpriv could not switch to uid 65534 (the tests must run as root for it): " + err.strip());
        }
        // curl -w prints the status on a line after the body; put it first for the assertions.
        int cut = out.lastIndexOf('\n');
        return new Ran(p.exitValue(), out.substring(cut + 1) + " " + out.substring(0, Math.max(0, cut)), err);
    }
}
