package dev.latchkey.broker;

import io.javalin.config.JavalinConfig;
import java.nio.file.Files;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** HTTPS from a PKCS#12 keystore: the broker's only connector when TLS is configured. */
final class Tls {

    private Tls() {
    }

    static void configure(JavalinConfig javalin, BrokerConfig config, BrokerConfig.TlsConfig tls) {
        if (!Files.isReadable(tls.keystore())) {
            throw new BrokerStartException("cannot read the TLS keystore " + tls.keystore());
        }
        javalin.jetty.addConnector((server, httpConfig) -> {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Clients may reach a loopback or internal broker by an address the certificate does
            // not name; hostname checks are the client's job, against the name it dialled.
            secure.setSniHostCheck(false);
            httpConfig.addCustomizer(secure);
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(tls.keystore().toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(new String(tls.password()));
            ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            ServerConnector connector = new ServerConnector(server,
                    new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(httpConfig));
            connector.setHost(config.host());
            connector.setPort(config.port());
            return connector;
        });
    }
}
