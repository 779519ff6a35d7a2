package dev.latchkey.core.diagnostics;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Says in words what kind of failure a low-level exception is ("nothing is listening there",
 * "no answer in time"), for messages people read: never a Java class name, and never the
 * exception's own message, which may quote input. The cause chain keeps the detail for
 * {@code --debug}.
 */
public final class FailureText {

    private FailureText() {
    }

    /**
     * A few words for {@code e}, such as {@code connection refused: nothing is listening there}.
     * A wrapper that says nothing of its own (a runtime exception around an interruption) is
     * described by what it wraps.
     */
    public static String describe(Throwable e) {
        String words = kind(e);
        Throwable cause = e.getCause();
        if (GENERIC.equals(words) && cause != null && cause != e) {
            return describe(cause);
        }
        return words;
    }

    private static final String GENERIC = "an unexpected failure";
    private static final String INPUT_OUTPUT = "an input/output failure";

    /**
     * Like {@link #describe}, for a failure on a network connection, where a bare input/output
     * failure says too little: it is said as what happened to the connection. The usual one is a
     * connection the server closed before its answer came (a kept-alive connection it ended).
     */
    public static String describeConnection(Throwable e) {
        String words = describe(e);
        if (!INPUT_OUTPUT.equals(words)) {
            return words;
        }
        return endedEarly(e) ? "the server closed the connection before its answer came"
                : "the connection failed while sending or receiving";
    }

    /** OkHttp's words for a connection that ended before an answer (matched, never shown). */
    private static boolean endedEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.startsWith("unexpected end of stream") || m.startsWith("\\n not found"))) {
                return true;
            }
        }
        return false;
    }

    private static String kind(Throwable e) {
        return switch (e) {
            case ConnectException c -> "connection refused: nothing is listening there";
            case NoRouteToHostException n -> "no route to that host";
            case PortUnreachableException p -> "the port is unreachable";
            case UnknownHostException u -> "unknown host" + (u.getMessage() == null ? "" : " " + hostOnly(u.getMessage()));
            case SocketTimeoutException t -> "no answer in time";
            case InterruptedIOException i -> "interrupted";
            case SSLHandshakeException h -> "the TLS handshake failed (is the certificate trusted and for this host?)";
            case SSLException s -> "the TLS connection failed";
            case EOFException eof -> "the connection ended early";
            case ProtocolException p -> "the answer did not follow HTTP";
            case SocketException s -> "the connection was cut";
            case NoSuchFileException n -> "no such file";
            case NotDirectoryException n -> "not a folder";
            case AccessDeniedException a -> "permission denied";
            case FileSystemException f -> f.getReason() == null ? "the file system refused" : f.getReason();
            case InterruptedException i -> "interrupted";
            case IOException io -> INPUT_OUTPUT;
            default -> GENERIC;
        };
    }

    /** An unknown-host message is the name looked up, sometimes followed by more; keep the name. */
    private static String hostOnly(String message) {
        String first = message.strip().split("[\\s:]", 2)[0];
        return first.matches("[A-Za-z0-9.\\-\\[\\]]{1,253}") ? first : "";
    }
}
