package dev.latchkey.broker;

import io.javalin.Javalin;
import java.net.URI;
import java.util.Map;

/** Starts a broker in this process: the server binary, the app's demo, and tests all come through here. */
public final class LatchkeyBroker {

    static final String CLIENT_ID = "latchkey";

    private LatchkeyBroker() {
    }

    /** Starts a broker and returns once it accepts connections. */
    public static RunningBroker start(BrokerConfig config) {
        Javalin server = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.routes.get("/.well-known/latchkey", ctx -> {
                String base = ctx.scheme() + "://" + ctx.host();
                ctx.json(Map.of(
                        "issuer", base + "/dev-idp",
                        "clientId", CLIENT_ID,
                        "scopes", "openid profile email offline_access",
                        "brokerVersion", BrokerVersion.current()));
            });
        }).start(config.host(), config.port());
        URI url = URI.create("http://" + hostForUrl(config.host()) + ":" + server.port());
        return new RunningBroker() {
            @Override
            public URI url() {
                return url;
            }

            @Override
            public void close() {
                server.stop();
            }
        };
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
