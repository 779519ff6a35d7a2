package dev.latchkey.core.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An agent that answers {@code GET /v1/hello} as protocol 1 says and every other call with bytes
 * a test chooses, on a real Unix domain socket: for the client's handling of replies no real agent
 * sends. Records each call's request line and body.
 */
final class ScriptedAgent implements AutoCloseable {

    static final String BROKER = "http://127.0.0.1:9";

    private final ServerSocketChannel server;
    private final AgentPaths paths;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** @param reply the raw answer (status line, headers, body) to a call, by its request line */
    ScriptedAgent(Path dir, Function<String, byte[]> reply) throws IOException {
        paths = new AgentPaths(dir.resolve("rt").resolve("latchkey").resolve(AgentPaths.SOCKET));
        paths.prepareFolder();
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(paths.socket()));
        acceptor = Thread.ofPlatform().daemon().name("scripted-agent").start(() -> {
            while (server.isOpen()) {
                try (SocketChannel ch = server.accept()) {
                    String request = read(ch);
                    String line = request.substring(0, Math.max(0, request.indexOf("\r\n")));
                    byte[] answer = line.startsWith("GET /v1/hello ")
                            ? http(200, "{\"protocol\":1,\"agent\":\"latchkey\",\"pid\":4242,\"broker\":\"" + BROKER + "\"}")
                            : reply.apply(line);
                    calls.add(line + "\n" + request.substring(request.indexOf("\r\n\r\n") + 4));
                    ch.write(ByteBuffer.wrap(answer));
                } catch (IOException | RuntimeException closed) {
                    // Closed by the test, or a client that went away.
                }
            }
        });
    }

    AgentPaths paths() {
        return paths;
    }

    /** Each call's request line, a newline and its body, hello included. */
    List<String> calls() {
        return calls;
    }

    /** An HTTP/1.1 answer with a JSON body. */
    static byte[] http(int status, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + b.length
                + "\r\nLatchkey-Protocol: 1\r\nConnection: close\r\n\r\n";
        byte[] out = new byte[head.length() + b.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, out, 0, head.length());
        System.arraycopy(b, 0, out, head.length(), b.length);
        return out;
    }

    private static String read(SocketChannel ch) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        while (true) {
            String text = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                int length = 0;
                for (String h : text.substring(0, end).split("\r\n")) {
                    if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).strip());
                    }
                }
                if (in.position() >= end + 4 + length) {
                    return text;
                }
            }
            if (ch.read(in) < 0) {
                return text;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
