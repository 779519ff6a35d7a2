package dev.latchkey.broker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client would send: bad framing, bad bytes in
 * headers, slow or stalled bodies. Reads one response (its body by Content-Length, or to the end).
 */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {
    }

    /** One response as it came over the wire, and how long it took to come. */
    public record Response(int status, Map<String, String> headers, String body, Duration took) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** Checks this answer against docs/broker-api.yaml, as the answer to {@code method} on {@code target}. */
        public void checkContract(String method, String target) {
            Map<String, List<String>> multi = new LinkedHashMap<>();
            headers.forEach((k, v) -> multi.put(k, List.of(v)));
            ApiContract.check(method, URI.create("http://broker" + target), status, multi, body);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** Sends {@code request} as is on a new connection and reads the answer (or fails after {@code timeout}). */
    public static Response exchange(URI base, byte[] request, Duration timeout) throws IOException {
        try (Socket socket = connect(base, null)) {
            long t0 = System.nanoTime();
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket, timeout, t0);
        }
    }

    /** Sends {@code request} (text, CRLF line ends written by the caller) on a new connection. */
    public static Response exchange(URI base, String request, Duration timeout) throws IOException {
        return exchange(base, request.getBytes(StandardCharsets.ISO_8859_1), timeout);
    }

    /** A connection to the broker, from {@code local} (any loopback address) or the default. */
    public static Socket connect(URI base, InetAddress local) throws IOException {
        Socket socket = new Socket();
        if (local != null) {
            socket.bind(new InetSocketAddress(local, 0));
        }
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        return socket;
    }

    /** Reads one response from {@code socket}; {@code startNanos} is when the request began. */
    public static Response read(Socket socket, Duration timeout, long startNanos) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!endsWithBlankLine(head.toByteArray())) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the connection closed before a response (" + head.size() + " bytes)");
                }
                head.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no response within " + timeout.toMillis() + " ms", e);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body;
        String length = headers.get("content-length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked(in);
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = line(in).split(";")[0].strip();
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                line(in);
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        List<Byte> bytes = new ArrayList<>();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                bytes.add((byte) b);
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static boolean endsWithBlankLine(byte[] b) {
        int n = b.length;
        return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }
}
