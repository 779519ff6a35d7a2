package dev.latchkey.broker.http;

import java.util.Map;

/**
 * An error answer: an HTTP status, a stable code and a message a person can act on. Handlers
 * throw it; the server turns it into {@code {"error": code, "message": text}}.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;
    private final String field;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    /** An error about one request field, such as {@code duration}; the answer names it in {@code field}. */
    public ApiException(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.of();
        this.field = field;
    }

    public ApiException(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
        this.field = null;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }
}
