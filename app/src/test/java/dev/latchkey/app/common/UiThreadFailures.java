package dev.latchkey.app.common;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Fails a window test with what the UI thread threw while it ran, and only that test.
 *
 * <p>TestFX keeps every exception the UI thread throws (its uncaught-exception handler) and throws
 * one of them again from the next TestFX call that checks, whichever test makes it. A layout gone
 * wrong throws on every pulse, so in a CI run one race in one test failed 37 later tests of the app
 * module, each with an exception not its own. This drains what is kept right after the test's body
 * and again after its clean-up, and fails the test with it (the first as the cause, the rest
 * suppressed); before each test it drops what arrived between tests, saying so on stderr, as it
 * belongs to no test.
 *
 * <p>Register it before TestFX's extension, {@code @ExtendWith({UiThreadFailures.class,
 * ApplicationExtension.class})}: it then clears before TestFX sets a test up (TestFX's set-up would
 * throw a kept exception), drains before TestFX cleans up, and drains once more after.
 */
public final class UiThreadFailures implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    /** A broken scene throws on every pulse; this many is enough to tell, and the rest are dropped. */
    private static final int MOST = 20;

    @Override
    public void beforeEach(ExtensionContext context) {
        for (Throwable earlier : drain()) {
            System.err.println("Dropped before " + context.getDisplayName() + ", thrown on the UI thread between tests: "
                    + cause(earlier));
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        failOn(drain(), "during this test");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOn(drain(), "while this test cleaned up");
    }

    private static void failOn(List<Throwable> thrown, String when) {
        if (thrown.isEmpty()) {
            return;
        }
        Throwable first = cause(thrown.getFirst());
        AssertionError failure = new AssertionError("The UI thread threw " + when + ": " + first, first);
        thrown.stream().skip(1).map(UiThreadFailures::cause).forEach(failure::addSuppressed);
        throw failure;
    }

    /** What the UI thread threw: TestFX keeps it wrapped, with a stack trace of its own. */
    private static Throwable cause(Throwable kept) {
        return kept.getCause() == null ? kept : kept.getCause();
    }

    /** What TestFX kept from the UI thread (at most {@link #MOST}; it keeps none after this). */
    static List<Throwable> drain() {
        List<Throwable> thrown = new ArrayList<>();
        while (thrown.size() < MOST) {
            try {
                WaitForAsyncUtils.checkException();
                return thrown;
            } catch (Throwable kept) {
                thrown.add(kept);
            }
        }
        WaitForAsyncUtils.clearExceptions();
        return thrown;
    }
}
