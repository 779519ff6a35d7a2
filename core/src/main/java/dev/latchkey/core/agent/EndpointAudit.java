package dev.latchkey.core.agent;

import dev.latchkey.core.internal.agent.LaunchTreePeers.Reader;
import dev.latchkey.core.internal.launch.ProcFacts;
import dev.latchkey.core.launch.EndpointRead;
import dev.latchkey.core.launch.LaunchLog;
import dev.latchkey.core.launch.ReadDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A launch's record of the reads through its refresh endpoint, kept in the {@link LaunchLog} as
 * {@link EndpointRead} lines beside the launch's own: which process of the launch's tree read, and the
 * references and sandbox tokens it was served. Never a value.
 *
 * <p>A program that polls its endpoint every second would fill the log with the same line and push the
 * launches out of it, so a reader is recorded once per version of the values: its first read, and its
 * first read after each refresh. The line is written on a thread of its own: the read does not wait
 * for {@code /proc} or the log's file lock.
 */
public final class EndpointAudit implements AutoCloseable {

    /** Records nothing: for launches whose history is not kept. */
    public static final EndpointAudit NONE = new EndpointAudit(null, "", Clock.systemUTC(), line -> { });

    /** A bound on the readers remembered; past it, each reader is recorded again once. */
    private static final int MAX_READERS = 1024;
    private static final Duration FLUSH = Duration.ofSeconds(2);

    private final LaunchLog log;
    private final String profile;
    private final Clock clock;
    private final Consumer<String> problems;
    private final Map<String, Instant> recorded = new HashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "latchkey-endpoint-audit");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param log where the reads are recorded
     * @param profile the launch's profile, named in each line
     * @param problems hears one line when the log cannot be written (the read is served all the same)
     */
    public EndpointAudit(LaunchLog log, String profile, Clock clock, Consumer<String> problems) {
        this.log = log;
        this.profile = profile;
        this.clock = clock;
        this.problems = problems;
    }

    /**
     * {@code reader}, of the launch whose program is {@code launchPid}, was served the values of
     * {@code version} (when they were read): recorded unless the same reader's read of that version was.
     * "The same reader" is the same program under the same parent ({@link Reader#who}, read when the
     * endpoint's check first found the process: nothing more is read of {@code /proc} for a read
     * already recorded), so that a shell loop running {@code curl} every second counts as one reader,
     * as a program that polls itself does.
     */
    void served(Reader reader, long launchPid, Instant version, List<String> refs, List<String> sandboxes) {
        if (log == null) {
            return;
        }
        synchronized (recorded) {
            if (version.equals(recorded.get(reader.who()))) {
                return;
            }
            if (recorded.size() >= MAX_READERS) {
                recorded.clear();
            }
            recorded.put(reader.who(), version);
        }
        // The facts now, while the reader surely runs (a curl ends right after its answer); the line later.
        EndpointRead read = new EndpointRead(clock.instant(), Optional.of(ProcFacts.facts(reader.pid())), launchPid, profile,
                refs, sandboxes, ReadDecision.AUTO);
        try {
            writer.execute(() -> {
                try {
                    log.append(read);
                } catch (RuntimeException e) {
                    problems.accept("latchkey: could not record a read of the refresh endpoint in " + log.file()
                            + " (" + e.getMessage() + ")");
                }
            });
        } catch (RejectedExecutionException closed) {
            // The launch has ended: a read answered as it ended is not recorded.
        }
    }

    /** Writes what is pending (waiting a moment at most), then records no more. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(FLUSH.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
