package dev.latchkey.broker.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * docs/broker-api.yaml as a judge of answers: every answer the broker's tests receive from the
 * API is checked against it (status documented for the operation, headers, body schema). An
 * answer for a path or method the document does not have must still be the one JSON error shape.
 */
public final class ApiContract {

    /** The document, found above the working directory (the module or the repository root). */
    public static final Path DOCUMENT = locate("docs/broker-api.yaml");

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForSpecificationUrl(DOCUMENT.toUri().toString()).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NOT_THE_API = Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");

    static {
        // The schema machinery loads each schema on its first use, which takes seconds on a busy
        // machine: pay that here, with the class, not inside an answer a test times.
        JsonNode paths;
        try {
            paths = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile()).path("paths");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DOCUMENT, e);
        }
        paths.properties().forEach(path -> path.getValue().properties().forEach(op -> {
            Request.Method method;
            try {
                method = Request.Method.valueOf(op.getKey().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return; // parameters and other keys beside the operations
            }
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
            op.getValue().path("responses").properties().forEach(r -> {
                int status = r.getKey().equals("default") ? 500 : Integer.parseInt(r.getKey());
                VALIDATOR.validateResponse(concrete, method, new SimpleResponse.Builder(status)
                        .withContentType("application/json").withBody("{}").build());
            });
        }));
    }

    private ApiContract() {
    }

    /** The validator, for tests that check requests too. */
    public static OpenApiInteractionValidator validator() {
        return VALIDATOR;
    }

    /** Checks an answer from the JDK's HTTP client. */
    public static void check(HttpResponse<String> response) {
        check(response.request().method(), response.uri(), response.statusCode(), response.headers().map(),
                response.body());
    }

    /**
     * Checks one answer; throws an {@link AssertionError} that says what the document and the
     * broker disagree on. The development IdP under {@code /dev-idp} is outside the document.
     */
    public static void check(String method, URI uri, int status, Map<String, List<String>> headers, String body) {
        String path = uri.getRawPath();
        if (path.startsWith("/dev-idp")) {
            return;
        }
        SimpleResponse.Builder response = new SimpleResponse.Builder(status).withBody(body == null ? "" : body);
        headers.forEach((name, values) -> {
            if (name != null && !name.startsWith(":")) {
                response.withHeader(name, values);
            }
        });
        Request.Method m;
        try {
            m = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            m = null;
        }
        ValidationReport report = m == null ? null : VALIDATOR.validateResponse(path, m, response.build());
        boolean documented = report != null
                && report.getMessages().stream().noneMatch(msg -> NOT_THE_API.contains(msg.getKey()));
        if (!documented) {
            requireErrorShape(method + " " + path, status, headers, body);
            return;
        }
        if (report.hasErrors()) {
            throw new AssertionError("the answer to " + method + " " + path + " (" + status + ") breaks "
                    + DOCUMENT.getFileName() + ":\n" + report.getMessages().stream()
                    .map(msg -> "  " + msg.getKey() + ": " + msg.getMessage()).collect(Collectors.joining("\n"))
                    + "\nbody: " + clip(body));
        }
        if (status >= 400) {
            requireErrorShape(method + " " + path, status, headers, body);
        }
    }

    /** An error answer is {@code {"error", "message", "field"?}} as JSON, and nothing else. */
    public static void requireErrorShape(String what, int status, Map<String, List<String>> headers, String body) {
        if (status < 400) {
            throw new AssertionError(what + " is not in the document, yet answered " + status + ": " + clip(body));
        }
        String type = headers.entrySet().stream().filter(e -> "content-type".equalsIgnoreCase(e.getKey()))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse("");
        if (!type.startsWith("application/json")) {
            throw new AssertionError(what + " answered " + status + " as " + type + ", not JSON: " + clip(body));
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(what + " answered " + status + " with broken JSON: " + clip(body), e);
        }
        if (node == null || !node.path("error").isTextual() || !node.path("message").isTextual()) {
            throw new AssertionError(what + " answered " + status + " without error and message: " + clip(body));
        }
        node.properties().forEach(p -> {
            if (!Set.of("error", "message", "field").contains(p.getKey())) {
                throw new AssertionError(what + " answered " + status + " with an unknown field " + p.getKey());
            }
        });
    }

    private static String clip(String body) {
        return body == null ? "" : body.length() > 500 ? body.substring(0, 500) + "..." : body;
    }

    /** A file of the repository, found above the working directory (the module or the repository root). */
    public static Path locate(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
