package dev.latchkey.core.launch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.core.config.LatchkeyDirectories;
import dev.latchkey.core.config.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The local launch log: one JSON object per line, names and references only. It keeps the
 * launches ({@link LaunchRecord}), every read through the local agent ({@link AgentRead}, a
 * line whose {@code kind} is {@code agent-read}) and through a launch's refresh endpoint
 * ({@link EndpointRead}, {@code endpoint-read}); readers that predate a kind skip its lines.
 *
 * <p>Lives in the platform's state folder ({@code $XDG_STATE_HOME/latchkey/launches.jsonl},
 * by default {@code ~/.local/state/latchkey/launches.jsonl}). Values never reach it: a record
 * has no field that could hold one, and the command is masked before it is written. It is
 * bounded: when an append takes it past {@link #MAX_BYTES}, the oldest lines go until half remain.
 * Appends from several processes (the CLI, the agent, the app) take a lock on the file, so none
 * is lost to a trim.
 */
public final class LaunchLog {

    /** The most the log holds before its oldest lines are dropped. */
    public static final long MAX_BYTES = 1 << 20;
    /** One JVM appends through one lock at a time: the file lock is per process, not per thread. */
    private static final Object APPENDING = new Object();

    private final Path file;
    private final long maxBytes;

    /** The log kept in {@code file}. */
    public LaunchLog(Path file) {
        this(file, MAX_BYTES);
    }

    /** A log bounded at {@code maxBytes} instead of {@link #MAX_BYTES}. */
    public LaunchLog(Path file, long maxBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
    }

    /** The log in the state folder named by this environment. */
    public static LaunchLog inStateFolder(Map<String, String> env) {
        return new LaunchLog(LatchkeyDirectories.state(env, Path.of(System.getProperty("user.home")))
                .resolve("launches.jsonl"));
    }

    /** Where the log is. */
    public Path file() {
        return file;
    }

    /** Appends one launch. */
    public void append(LaunchRecord r) {
        write(LogJson.launch(r));
    }

    /** Appends one read through the local agent. */
    public void append(AgentRead r) {
        write(LogJson.agentRead(r));
    }

    /** Appends one read through a launch's refresh endpoint. */
    public void append(EndpointRead r) {
        write(LogJson.endpointRead(r));
    }

    private void write(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        synchronized (APPENDING) {
            try {
                try (FileChannel out = PrivateFiles.channel(file)) {
                    out.lock(); // released when the channel closes
                    writeAll(out, bytes, out.size());
                    if (out.size() > maxBytes) {
                        trim(out);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the launch log " + file, e);
            }
        }
    }

    /** Keeps the newest whole lines that fit in half the bound, in place (the lock holds the file, not a name). */
    private void trim(FileChannel out) throws IOException {
        ByteBuffer all = ByteBuffer.allocate((int) out.size());
        int at = 0;
        while (all.hasRemaining()) {
            int n = out.read(all, at);
            if (n <= 0) {
                break;
            }
            at += n;
        }
        byte[] bytes = all.array();
        int from = Math.max(0, bytes.length - (int) (maxBytes / 2));
        while (from > 0 && from < bytes.length && bytes[from - 1] != '\n') {
            from++;
        }
        out.truncate(0);
        writeAll(out, Arrays.copyOfRange(bytes, from, bytes.length), 0);
    }

    private static void writeAll(FileChannel out, byte[] bytes, long at) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            out.write(b, at + b.position());
        }
    }

    /** The launches, oldest first; lines that cannot be read are skipped. */
    public List<LaunchRecord> read() {
        return lines(LogReader::isLaunch, LogReader::launch);
    }

    /** The reads through the local agent, oldest first; lines that cannot be read are skipped. */
    public List<AgentRead> agentReads() {
        return lines(LogReader::isAgentRead, LogReader::agentRead);
    }

    /** The reads through launches' refresh endpoints, oldest first; lines that cannot be read are skipped. */
    public List<EndpointRead> endpointReads() {
        return lines(LogReader::isEndpointRead, LogReader::endpointRead);
    }

    private <T> List<T> lines(Predicate<JsonNode> kind, Function<JsonNode, T> parse) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = LogReader.tree(line);
                    if (kind.test(n)) {
                        out.add(parse.apply(n));
                    }
                } catch (IOException | RuntimeException e) {
                    // A line cut short by a crash is no reason to hide the rest of the history.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the launch log " + file, e);
        }
        return out;
    }
}
