package dev.latchkey.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A failure no code caught is one line in words; the trace only with --debug. */
class UncaughtFailuresTest {

    private static String dieIn(String threadName, Throwable failure, boolean debug) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Thread t = Thread.ofPlatform().name(threadName).unstarted(() -> {
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
        });
        t.setUncaughtExceptionHandler(new UncaughtFailures("latchkey", debug, err));
        t.start();
        t.join();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anInterruptedEventThreadIsOneLineWithoutAJavaName() throws Exception {
        RuntimeException wrapped = new RuntimeException(new InterruptedException("sleep interrupted"));
        String out = dieIn("latchkey-events", new IllegalStateException(wrapped.getCause()), false);
        assertThat(out.lines()).hasSize(1);
        assertThat(out).startsWith("latchkey: internal error in thread latchkey-events: interrupted")
                .contains("--debug").doesNotContain("Exception").doesNotContain("java.").doesNotContain("\tat ");
    }

    @Test
    void debugAddsTheStackTrace() throws Exception {
        String out = dieIn("latchkey-events", new IllegalStateException("boom"), true);
        assertThat(out.lines().count()).isGreaterThan(2);
        assertThat(out).contains("\tat ").contains("IllegalStateException");
    }

    @Test
    void lowLevelFailuresAreNamedInWords() {
        assertThat(FailureText.describe(new ConnectException("Failed to connect to /127.0.0.1:9")))
                .isEqualTo("connection refused: nothing is listening there");
        assertThat(FailureText.describe(new SocketTimeoutException("timeout"))).isEqualTo("no answer in time");
        assertThat(FailureText.describe(new InterruptedException())).isEqualTo("interrupted");
        assertThat(FailureText.describe(new UnknownHostException("broker.invalid: Name or service not known")))
                .isEqualTo("unknown host broker.invalid");
    }
}
