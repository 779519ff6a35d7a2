package dev.latchkey.core.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The kernel names the process at the other end of a Unix socket; a real child connects. */
@EnabledOnOs(OS.LINUX)
class PeerPidTest {

    @Test
    void aChildProcessIsNamedByItsPidAmongOtherConnections(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            // Other connections of this process, so the mark must pick out the right one.
            List<SocketChannel> others = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                c.connect(UnixDomainSocketAddress.of(socket));
                others.add(c);
                others.add(server.accept());
            }
            Process curl = new ProcessBuilder("curl", "-s", "--max-time", "20", "--unix-socket", socket.toString(),
                    "http://peer/").redirectErrorStream(true).start();
            try (SocketChannel accepted = server.accept()) {
                int before = accepted.getOption(StandardSocketOptions.SO_SNDBUF);

                assertThat(PeerPid.of(accepted)).hasValue(curl.pid());
                assertThat(PeerPid.of(others.get(1))).hasValue(ProcessHandle.current().pid());
                assertThat(accepted.getOption(StandardSocketOptions.SO_SNDBUF)).isEqualTo(before);
            } finally {
                curl.destroy();
                curl.waitFor(10, TimeUnit.SECONDS);
                for (SocketChannel c : others) {
                    c.close();
                }
            }
        }
    }
}
