package dev.latchkey.core.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.internal.launch.ProcFacts;
import dev.latchkey.core.launch.ProcessFacts;
import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer of a real Unix socket is found by the kernel's credentials: real child processes
 * ({@code curl --unix-socket}) connect, and each accepted channel names its own child, with the
 * child's program, working folder and this test's JVM as its parent.
 */
class PeerProcessTest {

    @TempDir
    Path dir;

    @Test
    void eachConnectionNamesTheChildThatMadeIt() throws Exception {
        Path socket = dir.resolve("peer.sock");
        Path work = Files.createDirectories(dir.resolve("work folder"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Process first = curl(socket, work);
            Process second = curl(socket, work);
            try (SocketChannel a = server.accept(); SocketChannel b = server.accept()) {
                Optional<ProcessFacts> pa = PeerProcess.of(a);
                Optional<ProcessFacts> pb = PeerProcess.of(b);

                assertThat(pa).isPresent();
                assertThat(pb).isPresent();
                // The two children connect in either order; each channel names one of them, and not the same one.
                assertThat(List.of(pa.get().pid(), pb.get().pid()))
                        .containsExactlyInAnyOrder(first.pid(), second.pid());
                for (ProcessFacts f : List.of(pa.get(), pb.get())) {
                    assertThat(Path.of(f.executable()).getFileName().toString()).isEqualTo("curl");
                    assertThat(Path.of(f.workingFolder())).isEqualTo(work.toRealPath());
                    assertThat(f.parents()).isNotEmpty();
                    assertThat(f.parents().getFirst()).startsWith(ProcessHandle.current().pid() + " ");
                    assertThat(f.parents().size()).isLessThanOrEqualTo(ProcFacts.MAX_PARENTS);
                }
                // The mark used to find the channel is gone again: linger is as Java left it.
                assertThat(a.getOption(StandardSocketOptions.SO_LINGER)).isEqualTo(-1);
                assertThat(b.getOption(StandardSocketOptions.SO_LINGER)).isEqualTo(-1);
            } finally {
                first.destroy();
                second.destroy();
                first.waitFor(10, TimeUnit.SECONDS);
                second.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aPeerThatIsThisProcessIsNamedToo() throws Exception {
        Path socket = dir.resolve("self.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                 SocketChannel peer = server.accept()) {
                // Both ends live in this process: the mark must pick the accepted end, whose peer is this JVM.
                assertThat(PeerProcess.pid(peer)).hasValue(ProcessHandle.current().pid());
                assertThat(PeerProcess.pid(client)).hasValue(ProcessHandle.current().pid());
            }
        }
    }

    @Test
    void aClosedChannelIsUnknownNotAnError() throws Exception {
        Path socket = dir.resolve("closed.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            SocketChannel peer = server.accept();
            peer.close();
            client.close();
            assertThat(PeerProcess.of(peer)).isEmpty();
        }
    }

    private static Process curl(Path socket, Path work) throws IOException {
        try {
            return new ProcessBuilder("curl", "-s", "--max-time", "20", "--unix-socket", socket.toString(),
                    "http://agent/v1/hello").directory(work.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            RealParts.missing("curl is needed to connect from a real child process: " + e.getMessage());
            throw e;
        }
    }
}
