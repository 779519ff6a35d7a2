package dev.latchkey.core.internal.http;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The one {@link OkHttpClient} core shares, as OkHttp asks ("OkHttpClients should be shared"): one
 * connection pool and one dispatcher for the IdP, the broker API and the event stream. Each caller
 * derives its own client with {@link OkHttpClient#newBuilder()} and sets its own timeouts; the shared
 * one has timeouts too, so a client that forgets still cannot wait forever. Redirects are off: a
 * broker or IdP that redirects is misconfigured, and following one could carry a token elsewhere.
 */
public final class SharedHttpClient {

    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(30))
            .writeTimeout(Duration.ofSeconds(30))
            .callTimeout(Duration.ofSeconds(60))
            .followRedirects(false)
            .followSslRedirects(false)
            .build();

    private SharedHttpClient() {
    }

    /** A builder over the shared pool and dispatcher; set this use's timeouts on it. */
    public static OkHttpClient.Builder newBuilder() {
        return SHARED.newBuilder();
    }

    /** The shared client itself: its pool shows the connections every derived client holds. */
    public static OkHttpClient shared() {
        return SHARED;
    }
}
