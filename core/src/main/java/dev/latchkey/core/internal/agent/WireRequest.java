package dev.latchkey.core.internal.agent;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 request as a local channel received it.
 *
 * @param method such as {@code GET}
 * @param path the target's path, without the query
 * @param query the target's query, empty when none
 * @param headers header values by lower-case name
 * @param body the body, empty when none
 */
public record WireRequest(String method, String path, String query, Map<String, String> headers, byte[] body) {

    public WireRequest {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** A header by its name in any case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        // The body may carry references; headers may carry a bearer token: neither is printed.
        return "WireRequest[" + method + " " + path + ", " + body.length + " body bytes]";
    }
}
