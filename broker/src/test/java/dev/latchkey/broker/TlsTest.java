package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.testing.ApiContract;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from a PKCS#12 keystore, made here with the JDK's keytool. */
class TlsTest {

    @Test
    void theBrokerServesHttpsFromAPkcs12Keystore(@TempDir Path dir) throws Exception {
        Path p12 = dir.resolve("broker.p12");
        char[] password = "test-keystore-pw".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", new String(password))
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();

        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            trust.load(in, password);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);

        BrokerConfig config = BrokerConfig.dev().withTls(new TlsConfig(p12, password));
        try (RunningBroker broker = LatchkeyBroker.start(config);
             HttpClient https = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build()) {
            assertThat(broker.url().getScheme()).isEqualTo("https");
            HttpResponse<String> answer = https.send(HttpRequest.newBuilder(broker.url().resolve("/.well-known/latchkey"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            ApiContract.check(answer);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"issuer\":\"https://127.0.0.1:");
        }
    }

    @Test
    void tlsOnAReachableAddressNeedsNoInsecureFlag() {
        BrokerConfig config = BrokerConfig.dev().withHost("0.0.0.0")
                .withTls(new TlsConfig(Path.of("missing.p12"), new char[0]));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LatchkeyBroker.start(config))
                .isInstanceOf(BrokerStartException.class).hasMessageContaining("cannot read the TLS keystore");
    }
}
