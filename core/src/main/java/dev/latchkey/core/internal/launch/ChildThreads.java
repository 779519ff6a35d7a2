package dev.latchkey.core.internal.launch;

import dev.latchkey.core.internal.launch.mask.MaskingOutputStream;
import dev.latchkey.core.internal.launch.process.RunningChild;
import dev.latchkey.core.launch.process.PosixSignal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * The threads a launch runs beside its child: they carry the child's output to Latchkey's (through
 * the mask) and Latchkey's input to the child, and stop the child when its credentials end. An
 * ended stream ends its thread quietly: the child's end, not an error, is what the launch reports.
 */
public final class ChildThreads {

    private ChildThreads() {
    }

    /** Copies {@code from} to {@code to} on a daemon thread named after {@code name}, until the child closes it. */
    public static Thread pump(InputStream from, OutputStream to, String name) {
        return Thread.ofPlatform().daemon().name("latchkey-" + name).start(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = from.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                }
            } catch (IOException ignored) {
                // The child closed its end (a PTY reports that as an error): the run is over for this stream.
            }
        });
    }

    /** Feeds {@code in} to the child while it runs, then ends its input; nothing when {@code in} is null. */
    public static void feed(InputStream in, RunningChild running) {
        if (in == null) {
            return;
        }
        Thread.ofPlatform().daemon().name("latchkey-stdin").start(() -> {
            byte[] buf = new byte[1024];
            try {
                OutputStream to = running.stdin();
                int n;
                while (running.isAlive() && (n = in.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
                running.endInput();
            } catch (IOException ignored) {
                // The child stopped reading.
            }
        });
    }

    /** Writes out what the mask still holds back; nothing when {@code s} is null. */
    public static void finish(MaskingOutputStream s) {
        if (s != null) {
            try {
                s.finish();
            } catch (IOException ignored) {
                // Our own stdout is gone; nothing left to tell anyone.
            }
        }
    }

    /** SIGTERM now, then SIGKILL if the child is still there after {@code grace}. */
    public static void stop(RunningChild running, Duration grace) {
        running.signal(PosixSignal.TERM);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(grace);
                if (running.isAlive()) {
                    running.signal(PosixSignal.KILL);
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
