package dev.latchkey.app.demo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The app's one demo broker: {@link #start} stops the one before (a retry) and starts another;
 * {@link #close} stops whichever runs or is still starting, when the app stops.
 */
public final class DemoBrokerRunner implements AutoCloseable {

    /** How long a demo broker may take to listen: long enough for a busy two-core machine. */
    public static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final DemoBrokerProgram program;
    private final Path log;
    private final AtomicReference<DemoBroker> current = new AtomicReference<>();
    private volatile boolean closed;

    /**
     * @param program what to run
     * @param log the file the broker's output goes to
     */
    public DemoBrokerRunner(DemoBrokerProgram program, Path log) {
        this.program = program;
        this.log = log;
    }

    /** The log file of the current user: {@code demo-broker.log} in Latchkey's state folder. */
    public static Path logIn(Path stateFolder) {
        return stateFolder.resolve("demo-broker.log");
    }

    /**
     * Starts a demo broker and waits (blocking) until it listens.
     *
     * @return where it listens
     * @throws DemoBrokerException saying why it did not start
     */
    public URI start() throws DemoBrokerException, InterruptedException {
        stop(current.getAndSet(null));
        DemoBroker started = DemoBroker.launch(program, log);
        stop(current.getAndSet(started));
        if (closed) { // the app stopped while this one was being launched
            stop(current.getAndSet(null));
            throw new InterruptedException("the app is stopping");
        }
        return started.awaitUrl(READY_WITHIN);
    }

    @Override
    public void close() {
        closed = true;
        stop(current.getAndSet(null));
    }

    private static void stop(DemoBroker broker) {
        if (broker != null) {
            broker.close();
        }
    }
}
