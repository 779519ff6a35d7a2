package dev.latchkey.broker;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last word on a failure no code caught, on any thread of the server binary: one log line
 * naming the thread and the failure instead of a raw stack trace on stderr. The trace is logged
 * at DEBUG ({@code LATCHKEY_BROKER_LOG=DEBUG}).
 */
final class UncaughtFailures implements Thread.UncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UncaughtFailures.class);

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        String what = failure.getClass().getName().startsWith("dev.latchkey.") && failure.getMessage() != null
                ? failure.getMessage()
                : kind(failure);
        LOG.error("internal error in thread {}: {} (LATCHKEY_BROKER_LOG=DEBUG logs where)", thread.getName(), what);
        LOG.debug("the failure in thread {}", thread.getName(), failure);
    }

    /** Library messages may quote input: only the kind of failure, in words. */
    private static String kind(Throwable failure) {
        return switch (failure) {
            case InterruptedException i -> "interrupted";
            case OutOfMemoryError o -> "out of memory (raise -Xmx)";
            case StackOverflowError s -> "a stack overflow";
            case IOException io -> "an input/output failure";
            default -> "an unexpected failure";
        };
    }
}
