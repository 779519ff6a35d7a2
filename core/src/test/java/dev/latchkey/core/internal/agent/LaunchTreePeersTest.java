package dev.latchkey.core.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The refresh endpoint's caller check over real connections: a bash two levels below a "launched"
 * process opens a loopback connection ({@code /dev/tcp}), and the check finds its socket through
 * the kernel, sees it held inside that launch's tree and not inside another's, the same on the
 * second call (answered from the processes it remembered) as on the first.
 */
class LaunchTreePeersTest {

    @Test
    void theKernelsLookupFindsTheSocketProcNetTcpLists() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Process launch = connectingTree(server.getLocalPort());
            try (Socket accepted = server.accept()) {
                int port = server.getLocalPort();
                var fromKernel = SocketDiag.find(accepted.getPort(), port);
                assertThat(fromKernel).isPresent().isEqualTo(ProcessTree.peer(accepted.getPort(), port));
                assertThat(fromKernel.get().uid()).isEqualTo(ProcessTree.ownUid());
                assertThat(SocketDiag.find(accepted.getPort(), port == 65535 ? 1 : port + 1)).as("no such connection").isEmpty();
            } finally {
                end(launch);
            }
        }
    }

    @Test
    void onlyTheLaunchsOwnTreeIsAdmittedOnEveryCall() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            Process a = connectingTree(port);
            Process b = connectingTree(port);
            try (Socket first = server.accept(); Socket second = server.accept()) {
                // The two connect in either order: tell which socket is whose by the kernel's own check.
                boolean firstIsA = ProcessTree.treeHolds(a.pid(), SocketDiag.find(first.getPort(), port).orElseThrow().inode());
                int aPort = firstIsA ? first.getPort() : second.getPort();
                int bPort = firstIsA ? second.getPort() : first.getPort();
                LaunchTreePeers treeOfA = new LaunchTreePeers();
                for (int call = 0; call < 3; call++) {
                    assertThat(treeOfA.admits(a.pid(), aPort, port)).as("a's program, call %d", call).isTrue();
                    assertThat(treeOfA.admits(a.pid(), bPort, port)).as("b's program asking a's endpoint, call %d", call).isFalse();
                }
                LaunchTreePeers treeOfB = new LaunchTreePeers();
                assertThat(treeOfB.admits(b.pid(), bPort, port)).isTrue();
                assertThat(treeOfB.admits(b.pid(), aPort, port)).isFalse();
                assertThat(treeOfA.admits(a.pid(), port, port)).as("a socket nobody holds").isFalse();
            } finally {
                end(a);
                end(b);
            }
        }
    }

    @Test
    void theDescriptorThatLastHeldTheSocketIsLookedAtFirstAndAWrongOneFallsBackToThemAll() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            Process launch = connectingTree(port);
            try (Socket accepted = server.accept()) {
                long inode = SocketDiag.find(accepted.getPort(), port).orElseThrow().inode();
                ProcessTree.Holding holding = ProcessTree.holding(launch.pid(), inode).orElseThrow();
                assertThat(holding.fd()).as("the inner bash's exec 3<>").isEqualTo(3);
                assertThat(ProcessTree.fdOf(holding.pid(), inode, 3)).isEqualTo(3);
                assertThat(ProcessTree.fdOf(holding.pid(), inode, 7)).as("a hint that no longer holds it").isEqualTo(3);
                assertThat(ProcessTree.fdOf(holding.pid(), inode + 1, 3)).as("another socket").isEqualTo(-1);
                assertThat(ProcessTree.fdOf(launch.pid(), inode, 3)).as("the outer bash holds no socket").isEqualTo(-1);
                LaunchTreePeers peers = new LaunchTreePeers();
                assertThat(peers.reader(launch.pid(), accepted.getPort(), port)).get()
                        .extracting(LaunchTreePeers.Reader::pid).isEqualTo(holding.pid());
                assertThat(peers.reader(launch.pid(), accepted.getPort(), port)).as("remembered, by its descriptor").get()
                        .extracting(LaunchTreePeers.Reader::pid).isEqualTo(holding.pid());
                ProcessHandle reader = ProcessHandle.of(holding.pid()).orElseThrow();
                end(launch);
                reader.onExit().get(10, TimeUnit.SECONDS);
                assertThat(peers.reader(launch.pid(), accepted.getPort(), port)).as("after the program ended").isEmpty();
            } finally {
                end(launch);
            }
        }
    }

    /** Ends {@code launch} and the processes below it (the inner bash would wait out its sleep). */
    private static void end(Process launch) throws InterruptedException {
        launch.descendants().forEach(ProcessHandle::destroyForcibly);
        launch.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** A "launched" bash whose own child bash holds a connection to {@code port} and waits. */
    private static Process connectingTree(int port) throws IOException {
        return new ProcessBuilder("bash", "-c", "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + port + "; sleep 60'; true")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
