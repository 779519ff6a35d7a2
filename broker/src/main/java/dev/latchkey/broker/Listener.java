package dev.latchkey.broker;

import dev.latchkey.broker.http.ApiException;
import dev.latchkey.broker.server.ServerSetup;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConnectionFactory;

/** Where and how the broker listens: loopback by default, TLS from PKCS#12, plain HTTP only where safe. */
final class Listener {

    private Listener() {
    }

    /** Refuses plain HTTP on an address other machines can reach, unless the operator insists. */
    static void check(BrokerConfig config) {
        if (config.tls().isEmpty() && !config.insecureHttp() && !LatchkeyBroker.isLoopback(config.host())) {
            throw new BrokerStartException("refusing plain HTTP on " + config.host()
                    + ", which other machines can reach: give --tls-keystore FILE.p12 (with --tls-password-env VAR),"
                    + " or --insecure-http if a TLS proxy sits in front");
        }
        config.tls().ifPresent(Tls::check);
    }

    static void configure(JavalinConfig javalin, BrokerConfig config) {
        int cap = config.limits().connectionsPerAddress();
        ServerSetup.install(javalin, config.host(), config.port(), config.limits(),
                httpConfig -> config.tls().map(tls -> Tls.factories(tls, httpConfig))
                        .orElseGet(() -> List.<ConnectionFactory>of(new HttpConnectionFactory(httpConfig))),
                () -> new ApiException(429, "too_many_connections", "your address holds " + cap
                        + " connections to the broker already; close some (or reuse them) and try again",
                        Map.of("Retry-After", "5", "Connection", "close")));
    }

    static URI url(BrokerConfig config, int port) {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        if ("0.0.0.0".equals(host) || "[::]".equals(host)) {
            host = "127.0.0.1";
        }
        return URI.create((config.tls().isPresent() ? "https" : "http") + "://" + host + ":" + port);
    }
}
