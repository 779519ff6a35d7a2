package dev.latchkey.core.brokerapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The typed client of the broker API (see {@code docs/broker-api.yaml}).
 *
 * <p>Every call has a timeout. Every failure is a {@link BrokerException} whose message names
 * the broker and the call, never a token or a value. Share one client per broker.
 */
public final class BrokerClient {

    /** How long any one call may take, connection included. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final BearerToken token;
    private final OkHttpClient http;

    /**
     * A client for the broker at {@code base}.
     *
     * @param base the broker's URL (https, or http on loopback)
     * @param token the signed-in session's access token
     */
    public BrokerClient(URI base, BearerToken token) {
        this.base = BrokerUrl.check(base.toString());
        this.token = token;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(CALL_TIMEOUT)
                .callTimeout(CALL_TIMEOUT)
                .followRedirects(false)
                .build();
    }

    /** The broker's URL. */
    public URI base() {
        return base;
    }

    /** {@code GET /.well-known/latchkey}: needs no sign-in. */
    public BrokerInfo info() throws BrokerException {
        JsonNode n = call("GET /.well-known/latchkey", request("/.well-known/latchkey", false).get().build());
        return new BrokerInfo(text(n, "issuer"), text(n, "clientId"), n.path("scopes").asText(""),
                n.path("brokerVersion").asText("unknown"));
    }

    /** {@code GET /v1/me}. */
    public Me me() throws BrokerException {
        JsonNode n = call("GET /v1/me", request("/v1/me", true).get().build());
        List<Grant> grants = new ArrayList<>();
        for (JsonNode g : n.path("grants")) {
            grants.add(new Grant(text(g, "scope"), instant(g, "endsAt").orElseThrow(() -> bad("a grant without endsAt"))));
        }
        List<String> groups = new ArrayList<>();
        n.path("groups").forEach(g -> groups.add(g.asText()));
        return new Me(text(n, "subject"), n.path("name").asText(text(n, "subject")), groups, grants);
    }

    /** {@code GET /v1/scopes}: the scopes the caller can see, with the caller's access to each. */
    public List<Scope> scopes() throws BrokerException {
        JsonNode n = call("GET /v1/scopes", request("/v1/scopes", true).get().build());
        List<Scope> out = new ArrayList<>();
        for (JsonNode s : n.isArray() ? n : n.path("scopes")) {
            Scope.Access access;
            try {
                access = Scope.Access.valueOf(text(s, "access").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad("an access state this client does not know: " + s.path("access").asText());
            }
            out.add(new Scope(text(s, "scope"), access, instant(s, "grantedUntil"),
                    s.hasNonNull("maxDurationSeconds")
                            ? Optional.of(Duration.ofSeconds(s.get("maxDurationSeconds").asLong()))
                            : Optional.empty()));
        }
        return out;
    }

    /** {@code GET /v1/scopes/{team}/{env}/secrets}: metadata only. */
    public List<SecretMeta> secrets(String scope) throws BrokerException {
        String[] parts = scope.split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new AccessDeniedException("'" + scope + "' is not a scope; write it as team/env, such as payments/dev");
        }
        HttpUrl url = url("/v1/scopes").newBuilder().addPathSegment(parts[0]).addPathSegment(parts[1])
                .addPathSegment("secrets").build();
        JsonNode n = call("GET /v1/scopes/" + scope + "/secrets", authorized(new Request.Builder().url(url)).get().build());
        List<SecretMeta> out = new ArrayList<>();
        for (JsonNode s : n.isArray() ? n : n.path("secrets")) {
            out.add(new SecretMeta(text(s, "name"), s.path("description").asText(""), s.path("version").asLong(0),
                    instant(s, "updatedAt"), instant(s, "rotationDue")));
        }
        return out;
    }

    /** What {@link #resolve} returns: values for the refs the caller may read, reasons for the rest. */
    public record Resolved(List<ResolvedSecret> secrets, List<RefusedRef> refused) {
        public Resolved {
            secrets = List.copyOf(secrets);
            refused = List.copyOf(refused);
        }
    }

    /** {@code POST /v1/secrets:resolve}: all refs of a launch in one call. */
    public Resolved resolve(Collection<SecretRef> refs) throws BrokerException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("refs");
        refs.forEach(r -> list.add(r.toString()));
        Request req = request("/v1/secrets:resolve", true)
                .post(RequestBody.create(body.toString(), JSON_TYPE)).build();
        JsonNode n = call("POST /v1/secrets:resolve", req);
        List<ResolvedSecret> secrets = new ArrayList<>();
        for (JsonNode s : n.path("resolved")) {
            secrets.add(new ResolvedSecret(ref(s), text(s, "value"), instant(s, "accessEndsAt")));
        }
        List<RefusedRef> refused = new ArrayList<>();
        for (JsonNode s : n.path("refused")) {
            RefusedRef.Why why = switch (s.path("reason").asText()) {
                case "request_needed", "requestable" -> RefusedRef.Why.REQUEST_NEEDED;
                case "unknown", "unknown_secret", "not_found" -> RefusedRef.Why.UNKNOWN_SECRET;
                default -> RefusedRef.Why.NO_ACCESS;
            };
            refused.add(new RefusedRef(ref(s), why));
        }
        return new Resolved(secrets, refused);
    }

    /**
     * {@code POST /v1/sandbox-tokens}: a short-lived token for a sandbox, bounded by the caller's grant.
     *
     * @param sandbox the sandbox's name
     * @param ttl the lifetime wanted (the broker may shorten it)
     */
    public SandboxToken mintSandboxToken(String sandbox, Duration ttl) throws BrokerException {
        ObjectNode body = JSON.createObjectNode();
        body.put("sandbox", sandbox);
        body.put("ttlSeconds", ttl.toSeconds());
        Request req = request("/v1/sandbox-tokens", true).post(RequestBody.create(body.toString(), JSON_TYPE)).build();
        JsonNode n = call("POST /v1/sandbox-tokens for " + sandbox, req);
        return new SandboxToken(sandbox, text(n, "token"),
                instant(n, "expiresAt").orElseThrow(() -> bad("a sandbox token without expiresAt")));
    }

    private SecretRef ref(JsonNode s) throws BrokerProtocolException {
        try {
            return SecretRef.parse(text(s, "ref"));
        } catch (InvalidSecretRefException e) {
            throw bad("a reference it cannot parse (" + e.getMessage() + ")");
        }
    }

    private Request.Builder request(String path, boolean signedIn) throws NotSignedInException {
        Request.Builder b = new Request.Builder().url(url(path));
        return signedIn ? authorized(b) : b;
    }

    private Request.Builder authorized(Request.Builder b) throws NotSignedInException {
        return b.header("Authorization", "Bearer " + token.get());
    }

    private HttpUrl url(String path) {
        HttpUrl parsed = HttpUrl.parse(base + path);
        if (parsed == null) {
            throw new IllegalArgumentException("cannot build a URL from " + base);
        }
        return parsed;
    }

    private JsonNode call(String what, Request request) throws BrokerException {
        try (Response response = http.newCall(request).execute()) {
            int code = response.code();
            String body = response.body().string();
            if (code == 401) {
                throw new NotSignedInException("the broker at " + base + " no longer accepts your sign-in");
            }
            if (code == 403 || code == 404) {
                throw new AccessDeniedException(what + " was refused by the broker (HTTP " + code + ")" + reason(body));
            }
            if (code >= 500) {
                throw new BrokerUnreachableException("the broker at " + base + " failed on " + what + " (HTTP " + code + ")", null);
            }
            if (code != 200) {
                throw new BrokerProtocolException(what + " answered HTTP " + code + reason(body), null);
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new BrokerProtocolException(what + " answered with something that is not JSON", null);
            }
        } catch (InterruptedIOException e) {
            throw new BrokerUnreachableException("the broker at " + base + " did not answer " + what + " within "
                    + CALL_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new BrokerUnreachableException("cannot reach the broker at " + base + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The broker's own short reason, when it gave one; a broker never puts values in errors. */
    private static String reason(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            String msg = n.path("message").asText(n.path("error").asText(""));
            return msg.isBlank() ? "" : ": " + (msg.length() > 200 ? msg.substring(0, 200) : msg);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private String text(JsonNode n, String field) throws BrokerProtocolException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw bad("no '" + field + "'");
        }
        return v.asText();
    }

    private Optional<Instant> instant(JsonNode n, String field) throws BrokerProtocolException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v.asText()));
        } catch (DateTimeParseException e) {
            throw bad("a time it cannot read in '" + field + "'");
        }
    }

    private BrokerProtocolException bad(String what) {
        return new BrokerProtocolException("the broker at " + base + " answered with " + what, null);
    }
}
