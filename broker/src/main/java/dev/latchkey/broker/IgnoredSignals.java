package dev.latchkey.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which signals this process was started with ignored. A process keeps the "ignore" its parent
 * gave it (a job under {@code nohup} ignores SIGHUP; a background job of a script ignores
 * SIGINT), and the JVM then never delivers that signal to a handler: installing one succeeds and
 * does nothing. Linux tells in {@code /proc/self/status} ({@code SigIgn}, a hex mask with bit
 * {@code n-1} for signal {@code n}); elsewhere nothing is known and nothing is reported.
 */
final class IgnoredSignals {

    /** SIGHUP's number, the same on every POSIX system. */
    static final int SIGHUP = 1;

    private IgnoredSignals() {
    }

    /** Whether signal {@code number} is ignored by this process; false when that cannot be known. */
    static boolean ignored(int number) {
        return ignored(Path.of("/proc/self/status"), number);
    }

    static boolean ignored(Path status, int number) {
        try {
            List<String> lines = Files.readAllLines(status);
            for (String line : lines) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
                    return (mask & (1L << (number - 1))) != 0;
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // Not Linux, or not readable: nothing to say.
        }
        return false;
    }
}
