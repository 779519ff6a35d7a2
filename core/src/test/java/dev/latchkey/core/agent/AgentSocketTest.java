package dev.latchkey.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's socket on a real Unix domain socket: where it lives, who may open it, how it starts and stops. */
class AgentSocketTest {

    @TempDir
    Path dir;

    private AgentPaths paths() {
        return new AgentPaths(dir.resolve("rt").resolve("latchkey").resolve(AgentPaths.SOCKET));
    }

    @Test
    void theSocketIs0600InA0700FolderAndClosingRemovesIt() throws Exception {
        AgentPaths paths = paths();
        try (AgentServer server = AgentServer.start(paths, RawAgent.service(dir), line -> { })) {
            assertThat(server.paths().socket()).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(paths.socket()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(paths.folder()))).isEqualTo("rwx------");
            assertThat(AgentClient.probe(paths, Duration.ofSeconds(2))).get()
                    .satisfies(c -> assertThat(c.pid()).isEqualTo(ProcessHandle.current().pid()))
                    .satisfies(c -> assertThat(c.serves("http://127.0.0.1:9/")).isTrue());
        }
        assertThat(paths.socket()).doesNotExist();
    }

    @Test
    void theDefaultPathIsInTheRuntimeFolderElseInTheConfigFolder() {
        assertThat(AgentPaths.from(Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "HOME", "/home/ada")).socket())
                .isEqualTo(Path.of("/run/user/1000/latchkey/agent.sock"));
        assertThat(AgentPaths.from(Map.of("HOME", "/home/ada")).socket())
                .isEqualTo(Path.of("/home/ada/.config/latchkey/run/agent.sock"));
        assertThat(AgentPaths.from(Map.of("HOME", "/home/ada", "LATCHKEY_AGENT_SOCKET", "/x/a.sock")).socket())
                .isEqualTo(Path.of("/x/a.sock"));
    }

    @Test
    void aSecondAgentIsRefusedWhileTheFirstAnswers() throws Exception {
        AgentPaths paths = paths();
        try (AgentServer first = AgentServer.start(paths, RawAgent.service(dir), line -> { })) {
            assertThat(first.paths().socket()).exists();
            assertThatThrownBy(() -> AgentServer.start(paths, RawAgent.service(dir), line -> { }))
                    .isInstanceOf(AgentBusyException.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            assertThat(AgentClient.probe(paths, Duration.ofSeconds(2))).isPresent();
        }
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        AgentPaths paths = paths();
        paths.prepareFolder();
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(paths.socket()));
        dead.close(); // the file stays, nobody listens: an agent that was killed
        assertThat(paths.socket()).exists();
        try (AgentServer server = AgentServer.start(paths, RawAgent.service(dir), line -> { })) {
            assertThat(server.paths().socket()).exists();
            assertThat(AgentClient.probe(paths, Duration.ofSeconds(2))).isPresent();
        }
    }

    @Test
    void aStuckAgentCostsTheClientAtMostItsFallbackTimeout() throws Exception {
        AgentPaths paths = paths();
        paths.prepareFolder();
        // Listens (the kernel accepts connections into its queue) but never answers.
        try (ServerSocketChannel stuck = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stuck.bind(UnixDomainSocketAddress.of(paths.socket()));
            long start = System.nanoTime();
            assertThat(AgentClient.probe(paths, AgentClient.FALLBACK_TIMEOUT)).isEmpty();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMs).isGreaterThanOrEqualTo(AgentClient.FALLBACK_TIMEOUT.toMillis() - 10).isLessThan(1_000);
        }
    }

    @Test
    void aClientThatHangsGetsATimeoutAndTheAgentServesOthers() throws Exception {
        AgentPaths paths = paths();
        try (AgentServer server = AgentServer.start(paths, RawAgent.service(dir), line -> { });
             SocketChannel slow = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            assertThat(server.paths().socket()).exists();
            slow.connect(UnixDomainSocketAddress.of(paths.socket()));
            slow.write(ByteBuffer.wrap("GET /v1/hello HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(AgentClient.probe(paths, Duration.ofSeconds(1))).as("others are served meanwhile").isPresent();
            ByteBuffer in = ByteBuffer.allocate(4096);
            long start = System.nanoTime();
            while (slow.read(in) >= 0) {
                // until the agent closes
            }
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            String answer = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408 ").contains("\"type\":\"timeout\"");
            assertThat(tookMs).isLessThan(AgentServer.READ_TIMEOUT.toMillis() + 2_000);
        }
    }

    @Test
    void helloAnswersWithTheProtocolVersionAndPid() throws Exception {
        AgentPaths paths = paths();
        try (AgentServer server = AgentServer.start(paths, RawAgent.service(dir), line -> { })) {
            assertThat(server.paths().socket()).exists();
            String answer = RawAgent.send(paths.socket(), "GET /v1/hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("Latchkey-Protocol: 1\r\n")
                    .contains("{\"protocol\":1,\"agent\":\"latchkey\",\"pid\":" + ProcessHandle.current().pid());
            String status = RawAgent.send(paths.socket(), "GET /v1/status HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(status).startsWith("HTTP/1.1 200 OK\r\n").contains("\"signedIn\":false");
        }
    }
}
