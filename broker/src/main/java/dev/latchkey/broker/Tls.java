package dev.latchkey.broker;

import java.nio.file.Files;
import java.util.List;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** HTTPS from a PKCS#12 keystore: the broker's only protocol when TLS is configured. */
final class Tls {

    private Tls() {
    }

    /** Fails now, with a message, when the keystore cannot be read. */
    static void check(TlsConfig tls) {
        if (!Files.isReadable(tls.keystore())) {
            throw new BrokerStartException("cannot read the TLS keystore " + tls.keystore());
        }
    }

    /** TLS, then HTTP/1.1 inside it. */
    static List<ConnectionFactory> factories(TlsConfig tls, HttpConfiguration httpConfig) {
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
        return List.of(new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(httpConfig));
    }
}
