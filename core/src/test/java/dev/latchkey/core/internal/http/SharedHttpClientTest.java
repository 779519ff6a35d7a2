package dev.latchkey.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** TLS is set up only for clients that may need it; every client shares one pool and dispatcher. */
class SharedHttpClientTest {

    @Test
    void aClientForALoopbackHttpBrokerSetsUpNoTls() {
        OkHttpClient client = SharedHttpClient.newBuilder(URI.create("http://127.0.0.1:8080")).build();

        assertThat(client.connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
        assertThatThrownBy(client::sslSocketFactory).as("no TLS socket factory was made").isInstanceOf(IllegalStateException.class);
        assertThat(client.connectionPool()).isSameAs(SharedHttpClient.shared().connectionPool());
        assertThat(client.dispatcher()).isSameAs(SharedHttpClient.shared().dispatcher());
    }

    @Test
    void aClientForAnHttpsBrokerOrAnyOtherUseSpeaksTlsOverTheSamePool() {
        for (OkHttpClient client : new OkHttpClient[] {
                SharedHttpClient.newBuilder(URI.create("https://broker.example")).build(), SharedHttpClient.newBuilder().build()}) {
            assertThat(client.connectionSpecs()).contains(ConnectionSpec.MODERN_TLS);
            assertThat(client.sslSocketFactory()).isNotNull();
            assertThat(client.connectionPool()).isSameAs(SharedHttpClient.shared().connectionPool());
            assertThat(client.followRedirects()).as("redirects stay off").isFalse();
        }
    }
}
