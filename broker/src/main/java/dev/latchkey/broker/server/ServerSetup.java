package dev.latchkey.broker.server;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The broker's Jetty: requests handled on virtual threads (a client that sends slowly parks one,
 * and no pool runs dry), one connector watched by {@link ConnectionWatch}, and Jetty's own error
 * answers in the API's JSON shape.
 */
public final class ServerSetup {

    private ServerSetup() {
    }

    /**
     * Configures {@code javalin} to listen on {@code host:port} within {@code limits}.
     *
     * @param factories the connector's protocols over an HTTP configuration: plain HTTP, or TLS then HTTP
     * @param refusal what to throw for a request on a connection over the per-address cap; the
     *     routes' error handling answers it
     * @return the watch over the connector's connections
     */
    public static ConnectionWatch install(JavalinConfig javalin, String host, int port, ServerLimits limits,
            Function<HttpConfiguration, List<ConnectionFactory>> factories, Supplier<RuntimeException> refusal) {
        // Platform threads run Jetty's selectors and parse requests without blocking; every
        // handler runs on a virtual thread of its own.
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("latchkey-http");
        pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("latchkey-request"));
        javalin.jetty.threadPool = pool;

        ConnectionWatch watch = new ConnectionWatch(limits);
        javalin.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorPage());
            server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
        });
        javalin.jetty.addConnector((server, httpConfig) -> {
            ServerConnector connector = new ServerConnector(server,
                    factories.apply(httpConfig).toArray(ConnectionFactory[]::new));
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(limits.idle().toMillis());
            connector.addBean(watch);
            return connector;
        });
        javalin.routes.before(ctx -> {
            if (watch.overCap(connectionOf(ctx.req()))) {
                throw refusal.get();
            }
        });
        return watch;
    }

    private static ConnectionMetaData connectionOf(HttpServletRequest request) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        return jetty == null ? null : jetty.getConnectionMetaData();
    }
}
