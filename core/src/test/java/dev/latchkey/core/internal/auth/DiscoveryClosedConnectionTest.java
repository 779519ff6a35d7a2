package dev.latchkey.core.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A broker closes a kept-alive connection when it has sat idle long enough (its idle limit), with
 * no word to the client. The client's pool still holds it, and the next sign-in settings GET must
 * not fail for it: under a burst, the agent's first token refresh met exactly this and told every
 * waiting command "cannot reach the broker's sign-in settings". A real HTTP server on loopback
 * that closes each connection right after its answer, as an idle timeout would.
 */
class DiscoveryClosedConnectionTest {

    private ServerSocket server;
    private Thread loop;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        loop = Thread.ofPlatform().daemon().name("closing-http").start(this::serve);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        loop.join(2000);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    @Test
    void aConnectionTheBrokerClosedWhileIdleIsNotAFailure() throws Exception {
        Discovery discovery = new Discovery(Duration.ofSeconds(5));
        IdpEndpoints first = discovery.discover(base());
        Thread.sleep(300); // the server's close has reached this side; the pool still holds the connection
        IdpEndpoints again = new Discovery(Duration.ofSeconds(5)).discover(base());

        assertThat(again.token()).isEqualTo(first.token()).isEqualTo(URI.create(base() + "/idp/token"));
        assertThat(connections.get()).as("each GET needed a fresh connection").isGreaterThanOrEqualTo(4);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connections.incrementAndGet();
                String path = requestPath(s.getInputStream());
                String body = path.equals("/.well-known/latchkey")
                        ? "{\"issuer\":\"" + base() + "/idp\",\"clientId\":\"latchkey\"}"
                        : "{\"issuer\":\"" + base() + "/idp\",\"device_authorization_endpoint\":\"" + base()
                                + "/idp/device\",\"token_endpoint\":\"" + base() + "/idp/token\"}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                OutputStream out = s.getOutputStream();
                // Kept alive as far as the client can tell (no "Connection: close"), then closed.
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // The test closed the server, or the client went away.
            }
        }
    }

    private static String requestPath(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        String[] line = head.toString().split(" ", 3);
        return line.length > 1 ? line[1] : "";
    }
}
