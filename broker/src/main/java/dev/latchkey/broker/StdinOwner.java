package dev.latchkey.broker;

import java.io.IOException;
import java.io.InputStream;

/**
 * For a broker another program starts and owns (the desktop app's demo): the owner holds the
 * write end of the broker's standard input, and the kernel closes it when the owner ends, however
 * it ends (a crash or SIGKILL included). So the end of standard input is the owner's end, and the
 * broker stops then, rather than outliving it on a port nobody knows.
 */
final class StdinOwner {

    private StdinOwner() {
    }

    /**
     * Runs {@code stop} once {@code stdin} reaches its end (or can no longer be read), on a daemon
     * thread of its own. Whatever arrives before is read and dropped.
     */
    static void stopAtEnd(InputStream stdin, Runnable stop) {
        Thread watch = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                while (stdin.read(buffer) >= 0) {
                    // The owner has nothing to say; only the end counts.
                }
            } catch (IOException e) {
                // An input that cannot be read has no owner left either.
            }
            stop.run();
        }, "broker-stdin-owner");
        watch.setDaemon(true);
        watch.start();
    }
}
