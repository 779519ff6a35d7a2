package dev.latchkey.broker.testing;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request made from docs/broker-api.yaml, and what the document says of it: allowed, or
 * breaking one named field or parameter (and how).
 *
 * @param user whose token it carries
 * @param breaks the field or parameter it breaks, or null for a request the document allows
 * @param how how it breaks it
 */
public record GeneratedExchange(OpenApiOperations.Op op, Map<String, String> pathParams, Map<String, String> query,
        Map<String, String> headers, String contentType, String body, String user, String breaks, String how) {

    public boolean valid() {
        return breaks == null;
    }

    /** Whether the body is a form (which the validator cannot judge; see {@link #forValidator}). */
    public boolean formBody() {
        return "application/x-www-form-urlencoded".equals(contentType);
    }

    /** The path with its parameters filled in and encoded. */
    public String path() {
        String out = op.path();
        for (Map.Entry<String, String> p : pathParams.entrySet()) {
            out = out.replace("{" + p.getKey() + "}", URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return out;
    }

    /** The request line's target: path and query. */
    public String target() {
        if (query.isEmpty()) {
            return path();
        }
        return path() + "?" + query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The request for the JDK's client, with {@code token} as its bearer. */
    public HttpRequest http(URI base, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(target())).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .method(op.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b.build();
    }

    /** The same request as the validator takes it, to check the document's own view of it. */
    public Request forValidator(String token) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(op.method(), path()).withAuthorization("Bearer " + token);
        // The validator reads an empty flag (allowEmptyValue) as a missing parameter; "true" is what it means.
        query.forEach((name, value) -> b.withQueryParam(name, value.isEmpty() ? "true" : value));
        headers.forEach(b::withHeader);
        // The validator reads a form field that looks like a number as one, and then finds it is
        // not the text the schema asks for: forms are judged by the broker's answers alone.
        boolean form = "application/x-www-form-urlencoded".equals(contentType);
        if (contentType != null && !form) {
            b.withContentType(contentType);
        }
        if (body != null && !form) {
            b.withBody(body);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return op.method() + " " + target() + (body == null ? "" : " " + clip(body)) + " as " + user
                + (valid() ? " (allowed)" : " (breaks " + breaks + ": " + how + ")");
    }

    private static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
    }

    /** A copy with other parts; for the generator. */
    static Map<String, String> copy(Map<String, String> m) {
        return new LinkedHashMap<>(m);
    }
}
