package dev.latchkey.core.agent;

import dev.latchkey.core.Session;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** Test helpers: an agent over a session nobody signed in to, and raw bytes over its socket. */
final class RawAgent {

    private RawAgent() {
    }

    static AgentService service(Path lockDir) {
        Session session = Session.builder(URI.create("http://127.0.0.1:9")).credentialStore(new InMemoryCredentialStore())
                .lockDirectory(lockDir).build();
        return new AgentService(session, Clock.systemUTC());
    }

    /** Sends {@code bytes} as they are, half-closes, and returns everything the agent answered. */
    static String send(Path socket, byte[] bytes) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(bytes);
            try {
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ch.shutdownOutput();
            } catch (IOException refusedEarly) {
                // The agent may answer and close before reading all of an oversized request.
            }
            ByteBuffer in = ByteBuffer.allocate(1 << 20);
            while (ch.read(in) >= 0) {
                if (!in.hasRemaining()) {
                    break;
                }
            }
            return new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
        }
    }

    static String send(Path socket, String text) throws IOException {
        return send(socket, text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
