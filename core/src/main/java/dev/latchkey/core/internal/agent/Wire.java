package dev.latchkey.core.internal.agent;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The few rules of HTTP/1.1 Latchkey's local channels speak, by hand: one request per connection,
 * a body only with {@code Content-Length}, bounded sizes. A hand-written reader keeps the JDK's
 * HTTP server (which cannot listen on a Unix socket) and any HTTP library out of the agent, and
 * lets every malformed input end in a typed error instead of whatever a general parser does.
 */
public final class Wire {

    /** The leak guard's scan call: the one call whose body (a staged diff) may exceed {@link #MAX_BODY}. */
    public static final String GUARD_SCAN_PATH = "/v1/guard/staged";
    /** The largest staged diff the guard's scan call takes. */
    public static final int GUARD_SCAN_MAX_BODY = 16 * 1024 * 1024;

    /** The request line and headers together may not exceed this. */
    public static final int MAX_HEAD = 8 * 1024;
    /** A body may not exceed this. */
    public static final int MAX_BODY = 64 * 1024;
    /** At most this many header lines. */
    public static final int MAX_HEADERS = 64;
    private static final Pattern LINE_END = Pattern.compile("\r?\n");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final Pattern TARGET = Pattern.compile("[\\x21-\\x7e]{1,2048}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** The first read's room: a request of the CLI or a launched program fits. */
    private static final int FIRST_READ = 2048;
    /** The protocol version this code speaks; answers carry it in {@code Latchkey-Protocol}. */
    public static final int PROTOCOL = 1;

    private Wire() {
    }

    /**
     * Reads one request.
     *
     * @throws AgentFailure with the typed error for anything malformed, oversized or out of order
     * @throws IOException when the connection fails (or the watchdog ended a slow read)
     */
    public static WireRequest read(ReadableByteChannel in) throws IOException, AgentFailure {
        // Small first: most requests are a few hundred bytes, and a server answering a program that
        // polls should not make the collector run for buffers it never fills.
        ByteBuffer buf = ByteBuffer.allocate(FIRST_READ);
        int headEnd = -1;
        int bodyStart = -1;
        while (headEnd < 0) {
            if (buf.position() > MAX_HEAD) {
                throw new AgentFailure(AgentError.TOO_LARGE, "the request line and headers exceed " + MAX_HEAD + " bytes");
            }
            if (!buf.hasRemaining()) {
                // Room for the longest head and its blank line; a body gets its room once its length is known.
                buf = ByteBuffer.allocate(Math.min(buf.capacity() * 4, MAX_HEAD + 4)).put(buf.flip());
            }
            int n = in.read(buf);
            if (n < 0) {
                throw new AgentFailure(AgentError.BAD_REQUEST,
                        buf.position() == 0 ? "the connection closed before a request" : "the request ended before its headers did");
            }
            for (int i = Math.max(0, buf.position() - n - 3); i < buf.position(); i++) {
                if (buf.get(i) == '\n' && i + 1 < buf.position() && buf.get(i + 1) == '\n') {
                    headEnd = i;
                    bodyStart = i + 2;
                    break;
                }
                if (buf.get(i) == '\n' && i + 2 < buf.position() && buf.get(i + 1) == '\r' && buf.get(i + 2) == '\n') {
                    headEnd = i;
                    bodyStart = i + 3;
                    break;
                }
            }
        }
        if (headEnd > MAX_HEAD) {
            throw new AgentFailure(AgentError.TOO_LARGE, "the request line and headers exceed " + MAX_HEAD + " bytes");
        }
        String head = new String(buf.array(), 0, headEnd, StandardCharsets.ISO_8859_1);
        if (head.endsWith("\r")) {
            head = head.substring(0, head.length() - 1);
        }
        String[] lines = LINE_END.split(head, -1);
        String[] start = requestLine(lines[0]);
        Map<String, String> headers = headers(lines);
        int length = contentLength(start[0], headers, maxBody(start[1]));
        if (bodyStart + length >= buf.capacity()) {
            // Room for the body, and one byte to see more follow.
            ByteBuffer room = ByteBuffer.allocate(bodyStart + length + 1);
            buf = room.put(buf.flip());
        }
        while (buf.position() - bodyStart < length) {
            if (in.read(buf) < 0) {
                throw new AgentFailure(AgentError.BAD_REQUEST, "the body ended before its Content-Length of " + length + " bytes");
            }
        }
        if (buf.position() - bodyStart > length) {
            throw new AgentFailure(AgentError.OUT_OF_ORDER,
                    "more bytes followed the request; send one request per connection");
        }
        byte[] body = new byte[length];
        System.arraycopy(buf.array(), bodyStart, body, 0, length);
        String target = start[1];
        int q = target.indexOf('?');
        return new WireRequest(start[0], q < 0 ? target : target.substring(0, q), q < 0 ? "" : target.substring(q + 1),
                headers, body);
    }

    private static String[] requestLine(String line) throws AgentFailure {
        if (line.startsWith("PRI * HTTP/2")) {
            throw new AgentFailure(AgentError.BAD_REQUEST, "HTTP/2 is not spoken here; use HTTP/1.1");
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3) {
            if (line.indexOf(':') > 0 && !line.contains(" /")) {
                throw new AgentFailure(AgentError.OUT_OF_ORDER, "a header came before the request line");
            }
            throw new AgentFailure(AgentError.BAD_REQUEST, "the request line must be METHOD /path HTTP/1.1");
        }
        if (!METHOD.matcher(parts[0]).matches()) {
            throw new AgentFailure(AgentError.BAD_REQUEST, "the request line must start with a method such as GET");
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            throw new AgentFailure(AgentError.BAD_REQUEST, "only HTTP/1.1 is spoken here");
        }
        if (!parts[1].startsWith("/") || !TARGET.matcher(parts[1]).matches()) {
            throw new AgentFailure(AgentError.BAD_REQUEST, "the request target must be a path such as /v1/hello");
        }
        return parts;
    }

    private static Map<String, String> headers(String[] lines) throws AgentFailure {
        if (lines.length - 1 > MAX_HEADERS) {
            throw new AgentFailure(AgentError.TOO_LARGE, "more than " + MAX_HEADERS + " headers");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line).region(0, colon).matches()) {
                if (line.startsWith("GET ") || line.startsWith("POST ")) {
                    throw new AgentFailure(AgentError.OUT_OF_ORDER, "a request line came among the headers");
                }
                throw new AgentFailure(AgentError.BAD_REQUEST, "header line " + i + " is not 'Name: value'");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            if (headers.putIfAbsent(name, line.substring(colon + 1).strip()) != null
                    && (name.equals("content-length") || name.equals("authorization") || name.equals("host"))) {
                throw new AgentFailure(AgentError.BAD_REQUEST, "the header " + name + " came twice");
            }
        }
        return headers;
    }

    /** The largest body the call at {@code target} takes: a staged diff may be larger than any other message. */
    private static int maxBody(String target) {
        return target.equals(GUARD_SCAN_PATH) ? GUARD_SCAN_MAX_BODY : MAX_BODY;
    }

    private static int contentLength(String method, Map<String, String> headers, int max) throws AgentFailure {
        if (headers.containsKey("transfer-encoding")) {
            throw new AgentFailure(AgentError.BAD_REQUEST, "chunked bodies are not accepted; send Content-Length");
        }
        String text = headers.get("content-length");
        if (text == null) {
            if (method.equals("POST")) {
                throw new AgentFailure(AgentError.OUT_OF_ORDER, "a POST needs Content-Length before its body");
            }
            return 0;
        }
        long length;
        try {
            length = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new AgentFailure(AgentError.BAD_REQUEST, "Content-Length is not a number");
        }
        if (length < 0) {
            throw new AgentFailure(AgentError.BAD_REQUEST, "Content-Length is negative");
        }
        if (length > max) {
            throw new AgentFailure(AgentError.TOO_LARGE, "the body exceeds " + max + " bytes");
        }
        if (length > 0 && !method.equals("POST")) {
            throw new AgentFailure(AgentError.BAD_REQUEST, "a " + method + " has no body");
        }
        return (int) length;
    }

    /** Writes {@code reply} and nothing more; the connection closes after it. */
    public static void write(WritableByteChannel out, WireReply reply) throws IOException {
        ByteBuffer buf = encode(reply);
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    /** {@code reply} as the bytes {@link #write} sends. */
    static ByteBuffer encode(WireReply reply) {
        String head = "HTTP/1.1 " + reply.status() + " " + reason(reply.status()) + "\r\n"
                + "Content-Type: " + reply.contentType() + "\r\n"
                + "Content-Length: " + reply.contentLength() + "\r\n"
                + "Latchkey-Protocol: " + PROTOCOL + "\r\n"
                + "Cache-Control: no-store\r\n"
                + "Connection: close\r\n\r\n";
        byte[] body = reply.body();
        ByteBuffer buf = ByteBuffer.allocate(head.length() + body.length);
        return buf.put(head.getBytes(StandardCharsets.ISO_8859_1)).put(body).flip();
    }

    /** The typed error as an answer. */
    public static WireReply error(AgentError error, String message) {
        return error(error, message, null);
    }

    /** The typed error with a finer kind (null for none) as an answer. */
    public static WireReply error(AgentError error, String message, String kind) {
        String json = "{\"error\":{\"type\":\"" + error.type() + "\",\"message\":\"" + jsonEscape(message) + "\""
                + (kind == null ? "" : ",\"kind\":\"" + jsonEscape(kind) + "\"") + "}}";
        return new WireReply(error.status(), "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code text} as the inside of a JSON string. */
    static String jsonEscape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 502 -> "Bad Gateway";
            default -> "Error";
        };
    }
}
