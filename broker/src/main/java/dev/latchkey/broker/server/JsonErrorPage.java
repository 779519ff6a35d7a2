package dev.latchkey.broker.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to requests Jetty refuses before the broker's routes see them (malformed HTTP,
 * headers or a URL over the limits, a missing Host, a body framed two ways): the API's one JSON
 * error shape instead of Jetty's HTML page.
 */
public final class JsonErrorPage implements Request.Handler {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jetty's reasons are fixed phrases ("No Host", "Bad EOL"); anything else is not echoed. */
    private static final Pattern PLAIN_REASON = Pattern.compile("[A-Za-z0-9 .,:=_-]{1,80}");

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException http) {
            status = http.getCode();
            response.setStatus(status);
            if (reason == null) {
                reason = http.getReason();
            }
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        byte[] body = body(code(status), message(status, reason)).getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** The stable error code for a status Jetty answers with. */
    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "bad_request";
        };
    }

    private static String message(int status, String reason) {
        return switch (status) {
            case 408 -> "the request did not arrive in time; send it again in one go";
            case 413 -> "the request body is larger than the broker accepts";
            case 414 -> "the URL is longer than the broker accepts (8 KiB)";
            case 431 -> "the request headers are larger than the broker accepts (8 KiB)";
            default -> {
                String why = reason != null && PLAIN_REASON.matcher(reason).matches() ? ": " + reason : "";
                yield status >= 500 ? "the broker failed to answer this request; its log says why"
                        : "the request is not well-formed HTTP" + why;
            }
        };
    }

    /** The error shape as text: {@code {"error": code, "message": text}}. */
    static String body(String code, String message) {
        Map<String, String> shape = new LinkedHashMap<>();
        shape.put("error", code);
        shape.put("message", message);
        try {
            return JSON.writeValueAsString(shape);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of two strings always serialises", e);
        }
    }
}
