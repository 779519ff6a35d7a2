package dev.latchkey.core.internal.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/**
 * The one {@link OkHttpClient} core shares, as OkHttp asks ("OkHttpClients should be shared"): one
 * connection pool and one dispatcher for the IdP, the broker API and the event stream. Each caller
 * derives its own client with {@link OkHttpClient#newBuilder()} and sets its own timeouts; the shared
 * one has timeouts too, so a client that forgets still cannot wait forever. Redirects are off: a
 * broker or IdP that redirects is misconfigured, and following one could carry a token elsewhere.
 *
 * <p>The shared client speaks plain HTTP only; TLS is added by the first client that may need it.
 * OkHttp sets TLS up when a client is built (the JDK's trust store is read and parsed), which costs
 * a short command more than its broker call on loopback; a command that only talks to a loopback
 * broker never pays it.
 */
public final class SharedHttpClient {

    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(30))
            .writeTimeout(Duration.ofSeconds(30))
            .callTimeout(Duration.ofSeconds(60))
            .followRedirects(false)
            .followSslRedirects(false)
            .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
            .build();

    private SharedHttpClient() {
    }

    /** A builder over the shared pool and dispatcher, able to speak TLS; set this use's timeouts on it. */
    public static OkHttpClient.Builder newBuilder() {
        return WithTls.CLIENT.newBuilder();
    }

    /**
     * A builder over the shared pool and dispatcher for calls to {@code target} only: without TLS
     * when it is plain HTTP (which core allows on loopback only), so no TLS is set up for it.
     */
    public static OkHttpClient.Builder newBuilder(URI target) {
        return "http".equalsIgnoreCase(target.getScheme()) ? SHARED.newBuilder() : newBuilder();
    }

    /** The shared client itself: its pool shows the connections every derived client holds. */
    public static OkHttpClient shared() {
        return SHARED;
    }

    /** The shared client with TLS, set up when first asked for (holder idiom: once, thread-safe). */
    private static final class WithTls {
        static final OkHttpClient CLIENT = SHARED.newBuilder()
                .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
                .build();
    }
}
