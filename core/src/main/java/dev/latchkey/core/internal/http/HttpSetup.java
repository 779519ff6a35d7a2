package dev.latchkey.core.internal.http;

import okhttp3.OkHttpClient;

/**
 * OkHttp's one-time set-up, started ahead on a thread of its own by a short command that will call
 * its broker once its keychain answers: the {@link SharedHttpClient} (its task runner asks
 * {@code java.util.logging} for a logger) and OkHttp's platform, which the first connection asks
 * for even over plain HTTP and which looks at every security provider the JDK has. Together tens
 * of milliseconds that the command otherwise spends between the keychain's answer and its first
 * call. A class of its own, so that starting it builds nothing on the caller's thread; class
 * initialization is once per process, and a thread that gets there first waits for it instead of
 * doing the work again.
 */
public final class HttpSetup {

    private HttpSetup() {
    }

    /** Starts the set-up on a daemon thread and returns at once. */
    public static void startAhead() {
        Thread.ofPlatform().daemon().name("latchkey-http-setup").start(() -> {
            SharedHttpClient.shared();
            try {
                // Not exported by OkHttp's module, so initialized by name; initialization needs no access.
                Class.forName("okhttp3.internal.platform.Platform", true, OkHttpClient.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // Only time is at stake: the first connection sets the platform up itself.
            }
        });
    }
}
