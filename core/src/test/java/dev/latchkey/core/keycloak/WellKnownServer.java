package dev.latchkey.core.keycloak;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in broker that only answers {@code /.well-known/latchkey}, naming Keycloak as the IdP:
 * what a production broker configured with Keycloak's issuer would say.
 */
final class WellKnownServer implements AutoCloseable {

    private final HttpServer server;

    WellKnownServer(URI issuer, String clientId, String scopes) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = ("{\"issuer\":\"" + issuer + "\",\"clientId\":\"" + clientId + "\",\"scopes\":\"" + scopes
                + "\",\"brokerVersion\":\"test\"}").getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/latchkey", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
