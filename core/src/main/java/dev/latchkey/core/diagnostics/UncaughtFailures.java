package dev.latchkey.core.diagnostics;

import java.io.PrintStream;

/**
 * The last word on a failure no code caught, on any thread of the CLI or the app: one line that
 * names the thread and the kind of failure, instead of a raw stack trace; the trace itself only
 * with {@code --debug}. Install it first thing in {@code main}.
 */
public final class UncaughtFailures implements Thread.UncaughtExceptionHandler {

    private final String program;
    private final boolean debug;
    private final PrintStream err;

    /**
     * @param program the name the line starts with, such as {@code latchkey}
     * @param debug whether to print the stack trace too
     * @param err where to print
     */
    public UncaughtFailures(String program, boolean debug, PrintStream err) {
        this.program = program;
        this.debug = debug;
        this.err = err;
    }

    /** Makes a handler the default for every thread of this process. */
    public static void install(String program, boolean debug) {
        Thread.setDefaultUncaughtExceptionHandler(new UncaughtFailures(program, debug, System.err));
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        err.println(line(thread, failure));
        if (debug) {
            failure.printStackTrace(err);
        }
        err.flush();
    }

    /** The one line: {@code latchkey: internal error in thread latchkey-events: interrupted (...)}. */
    String line(Thread thread, Throwable failure) {
        return program + ": internal error in thread " + thread.getName() + ": " + FailureText.describe(failure)
                + (debug ? "" : " (run again with --debug to see where)");
    }
}
