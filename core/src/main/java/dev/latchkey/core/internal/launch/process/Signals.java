package dev.latchkey.core.internal.launch.process;

import dev.latchkey.core.launch.process.PosixSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Sends POSIX signals to a process by id. */
final class Signals {

    private Signals() {
    }

    static void send(long pid, PosixSignal signal) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return;
        }
        switch (signal) {
            case TERM -> handle.get().destroy();
            case KILL -> handle.get().destroyForcibly();
            case INT, HUP -> viaKill(pid, signal);
        }
    }

    // Java sends only TERM and KILL itself; other signals go through the shell's built-in kill,
    // since a minimal system may have sh but no separate kill program.
    private static void viaKill(long pid, PosixSignal signal) {
        try {
            Process kill = new ProcessBuilder("sh", "-c", "kill -s " + signal.name() + " \"$1\"", "sh", Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send " + signal + " to process " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
