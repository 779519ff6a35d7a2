package dev.latchkey.core.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/**
 * The CLI's half of the agent protocol. {@link #probe} asks whether an agent answers, within
 * {@link #FALLBACK_TIMEOUT}, using nothing but the JDK (no JSON library, no HTTP client), so a
 * command without an agent pays almost nothing. Typed calls ({@link AgentCalls}) load Jackson only
 * once an agent has answered.
 */
public final class AgentClient {

    /** The longest a command waits for an agent to answer before it works alone. */
    public static final Duration FALLBACK_TIMEOUT = Duration.ofMillis(300);
    /** An answer may not exceed this. */
    private static final int MAX_ANSWER = 4 * 1024 * 1024;

    private final AgentPaths paths;
    private final long pid;
    private final String broker;

    private AgentClient(AgentPaths paths, long pid, String broker) {
        this.paths = paths;
        this.pid = pid;
        this.broker = broker;
    }

    /**
     * The agent on {@code paths}, if one answers {@code GET /v1/hello} with protocol 1 within
     * {@code timeout}; empty when no socket exists, nothing listens, or the answer is late or wrong.
     */
    public static Optional<AgentClient> probe(AgentPaths paths, Duration timeout) {
        if (!Files.exists(paths.socket())) {
            return Optional.empty();
        }
        try {
            Answer hello = exchange(paths, "GET", "/v1/hello", null, timeout);
            if (hello.status() != 200 || !hello.body().contains("\"protocol\":1")) {
                return Optional.empty();
            }
            return Optional.of(new AgentClient(paths, Long.parseLong(field(hello.body(), "pid")),
                    field(hello.body(), "broker")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The agent's process id. */
    public long pid() {
        return pid;
    }

    /** The broker the agent serves. */
    public String broker() {
        return broker;
    }

    /** Whether the agent serves {@code url} (trailing slashes aside). */
    public boolean serves(String url) {
        return strip(url).equals(strip(broker));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The socket it answers on. */
    public AgentPaths paths() {
        return paths;
    }

    /**
     * One call: sends {@code body} (JSON, or null) and returns the answer, or fails with an
     * {@link IOException} when the agent does not answer within {@code timeout}.
     */
    public Answer call(String method, String path, String body, Duration timeout) throws IOException {
        return exchange(paths, method, path, body, timeout);
    }

    /**
     * An answer: its status and body.
     *
     * @param status the HTTP status
     * @param body the body as UTF-8
     */
    public record Answer(int status, String body) {
        @Override
        public String toString() {
            return "Answer[" + status + ", " + body.length() + " chars]";
        }
    }

    private static Answer exchange(AgentPaths paths, String method, String path, String body, Duration timeout)
            throws IOException {
        return send(paths, method + " " + path, body == null ? "" : "Content-Type: application/json\r\n",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), timeout);
    }

    /**
     * One exchange on the socket: {@code start} is the method and path, {@code headers} whole
     * header lines (each ending in CRLF), {@code payload} the body or null.
     */
    static Answer send(AgentPaths paths, String start, String headers, byte[] payload, Duration timeout)
            throws IOException {
        String head = start + " HTTP/1.1\r\nHost: latchkey-agent\r\n" + headers
                + (payload == null ? "" : "Content-Length: " + payload.length + "\r\n") + "\r\n";
        byte[] body = payload == null ? new byte[0] : payload;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
             Deadline deadline = new Deadline(ch, timeout)) {
            ch.connect(UnixDomainSocketAddress.of(paths.socket()));
            ByteBuffer out = ByteBuffer.allocate(head.length() + body.length);
            out.put(head.getBytes(StandardCharsets.ISO_8859_1)).put(body).flip();
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (ch.read(in) >= 0) {
                if (!in.hasRemaining()) {
                    if (in.capacity() >= MAX_ANSWER) {
                        throw new IOException("the agent's answer exceeds " + MAX_ANSWER + " bytes");
                    }
                    in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                }
            }
            deadline.met();
            return parse(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
        }
    }

    private static Answer parse(String text) throws IOException {
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0 || text.length() < 12) {
            throw new IOException("the agent's answer is not HTTP/1.1");
        }
        try {
            return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(end + 4));
        } catch (NumberFormatException e) {
            throw new IOException("the agent's answer has no status", e);
        }
    }

    /** A plain field of a flat JSON object (a number, or a string without escapes). */
    private static String field(String json, String name) {
        String key = "\"" + name + "\":";
        int at = json.indexOf(key);
        if (at < 0) {
            throw new IllegalArgumentException("no " + name);
        }
        int from = at + key.length();
        if (json.charAt(from) == '"') {
            return json.substring(from + 1, json.indexOf('"', from + 1));
        }
        int to = from;
        while (to < json.length() && Character.isDigit(json.charAt(to))) {
            to++;
        }
        return json.substring(from, to);
    }

    /**
     * Closes the channel when the time is up, which wakes a blocked connect, write or read with
     * an exception: the one bound on a call, whatever the agent does.
     */
    private static final class Deadline implements AutoCloseable {
        private final Thread timer;
        private volatile boolean met;

        Deadline(SocketChannel ch, Duration timeout) {
            timer = Thread.ofPlatform().daemon().name("latchkey-agent-deadline").start(() -> {
                try {
                    Thread.sleep(timeout);
                } catch (InterruptedException e) {
                    return;
                }
                if (!met) {
                    try {
                        ch.close();
                    } catch (IOException ignored) {
                        // Closed already.
                    }
                }
            });
        }

        void met() {
            met = true;
        }

        @Override
        public void close() {
            met = true;
            timer.interrupt();
        }
    }
}
