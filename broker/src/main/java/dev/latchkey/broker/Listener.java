package dev.latchkey.broker;

import io.javalin.config.JavalinConfig;
import java.net.URI;

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
    }

    static void configure(JavalinConfig javalin, BrokerConfig config) {
        config.tls().ifPresent(tls -> Tls.configure(javalin, config, tls));
    }

    static URI url(BrokerConfig config, int port) {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        if ("0.0.0.0".equals(host) || "[::]".equals(host)) {
            host = "127.0.0.1";
        }
        return URI.create((config.tls().isPresent() ? "https" : "http") + "://" + host + ":" + port);
    }
}
