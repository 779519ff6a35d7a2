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

    /**
     * Starts OkHttp's one-time set-up on a daemon thread of its own, for a short command that will
     * call its broker once its keychain answers: the shared client (its task runner asks
     * {@code java.util.logging} for a logger) and OkHttp's platform, which its first connection asks
     * for even over plain HTTP and which looks at every security provider the JDK has. Together tens
     * of milliseconds that the command otherwise spends between the keychain's answer and its first
     * call. Class initialization is once per process: a call that gets there first waits for this
     * one instead of doing the work again.
     */
    public static void prepareAhead() {
        Thread.ofPlatform().daemon().name("latchkey-http-setup").start(() -> {
            shared();
            try {
                // Not exported by OkHttp's module, so initialized by name; initialization needs no access.
                Class.forName("okhttp3.internal.platform.Platform", true, OkHttpClient.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // Only time is at stake: the first connection sets the platform up itself.
            }
        });
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
