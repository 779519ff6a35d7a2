package dev.latchkey.core.brokerapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.core.diagnostics.FailureText;
import dev.latchkey.core.internal.http.SharedHttpClient;
import dev.latchkey.core.internal.json.JsonFields;
import dev.latchkey.core.internal.json.MalformedJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The HTTP under {@link BrokerClient}: bounded calls, the bearer header, and the broker's error
 * shape {@code {"error", "message", "field"?}} turned into typed exceptions. No message ever
 * holds the token; the broker's own messages never hold values.
 *
 * <p>The daily commands' answers come back parsed by {@code StrictJson} ({@link #getParsed},
 * {@link #postParsed}); Jackson, whose first mapper costs a short command tens of milliseconds, is
 * made only when another call or an error body needs it ({@link #jackson}).
 */
final class BrokerCalls {

    /** Jackson's mapper for the other answers and for error bodies, made on first use (holder idiom). */
    private static final class Jackson {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    static ObjectMapper jackson() {
        return Jackson.JSON;
    }
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final int MAX_MESSAGE = 300;

    /** How long the broker may take to accept a connection. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final BearerToken token;
    private final Duration connectTimeout;
    private final Duration callTimeout;
    private final OkHttpClient http;

    BrokerCalls(URI base, BearerToken token, Duration callTimeout) {
        this(base, token, CONNECT_TIMEOUT, callTimeout);
    }

    BrokerCalls(URI base, BearerToken token, Duration connectTimeout, Duration callTimeout) {
        this.base = base;
        this.token = token;
        this.connectTimeout = connectTimeout;
        this.callTimeout = callTimeout;
        this.http = SharedHttpClient.newBuilder(base)
                .connectTimeout(connectTimeout)
                .readTimeout(callTimeout)
                .callTimeout(callTimeout)
                .followRedirects(false)
                .eventListenerFactory(call -> new EventListener() {
                    @Override
                    public void connectionAcquired(Call c, Connection connection) {
                        Connected mark = c.request().tag(Connected.class);
                        if (mark != null) {
                            mark.connected = true;
                        }
                    }
                })
                .build();
    }

    /** Set once a call holds a connection: a timeout before that is the broker not accepting one. */
    private static final class Connected {
        volatile boolean connected;
    }

    URI base() {
        return base;
    }

    HttpUrl url(String path) {
        HttpUrl parsed = HttpUrl.parse(base + path);
        if (parsed == null) {
            throw new IllegalArgumentException("cannot build a URL from " + base);
        }
        return parsed;
    }

    JsonNode get(String what, HttpUrl url, boolean signedIn) throws BrokerException {
        return tree(what, getText(what, url, signedIn));
    }

    JsonNode post(String what, HttpUrl url, JsonNode body) throws BrokerException {
        return tree(what, postText(what, url, body.toString()));
    }

    /** A signed-in {@code GET}'s answer as {@code StrictJson} reads it (see {@link Replies#read(Object, Replies.FromWire)}). */
    Object getParsed(String what, HttpUrl url) throws BrokerException {
        return parsed(what, getText(what, url, true));
    }

    /** A signed-in {@code POST} of the JSON text {@code body}, its answer as {@code StrictJson} reads it. */
    Object postParsed(String what, HttpUrl url, String body) throws BrokerException {
        return parsed(what, postText(what, url, body));
    }

    private String getText(String what, HttpUrl url, boolean signedIn) throws BrokerException {
        Request.Builder b = new Request.Builder().url(url).get();
        return call(what, signedIn ? authorized(b) : b);
    }

    private String postText(String what, HttpUrl url, String body) throws BrokerException {
        return call(what, authorized(new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE))));
    }

    private static JsonNode tree(String what, String body) throws BrokerProtocolException {
        try {
            return jackson().readTree(body);
        } catch (IOException e) {
            throw notJson(what);
        }
    }

    private static Object parsed(String what, String body) throws BrokerProtocolException {
        try {
            return JsonFields.parseValue(body);
        } catch (MalformedJson e) {
            throw notJson(what);
        }
    }

    private static BrokerProtocolException notJson(String what) {
        return new BrokerProtocolException(what + " answered with something that is not JSON", null);
    }

    private Request.Builder authorized(Request.Builder b) throws NotSignedInException {
        return b.header("Authorization", "Bearer " + token.get());
    }

    /** The answer's body when it is a success (200, 201); every other answer or failure as its typed exception. */
    private String call(String what, Request.Builder request) throws BrokerException {
        Connected connected = new Connected();
        try (Response response = http.newCall(request.tag(Connected.class, connected).build()).execute()) {
            int code = response.code();
            String body = response.body().string();
            if (code == 200 || code == 201) {
                return body;
            }
            throw refusal(what, code, body);
        } catch (InterruptedIOException e) {
            // Say the wait that ran out: the connection's, or the whole call's.
            if (!connected.connected) {
                throw new BrokerUnreachableException("the broker at " + base + " did not accept a connection within "
                        + words(connectTimeout) + "; check that it is running and reachable", e);
            }
            throw new BrokerUnreachableException("the broker at " + base + " did not answer " + what + " within "
                    + words(callTimeout), e);
        } catch (IOException e) {
            throw new BrokerUnreachableException("cannot reach the broker at " + base + " ("
                    + FailureText.describeConnection(e) + ")", e);
        }
    }

    /** A wait as people say it: {@code 5 s}, or {@code 500 ms} under a second. */
    static String words(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private BrokerException refusal(String what, int code, String body) {
        ErrorBody err = ErrorBody.read(body);
        return switch (code) {
            case 401 -> new NotSignedInException("the broker at " + base + " no longer accepts your sign-in");
            case 400 -> new InvalidRequestException(InvalidRequestException.Kind.INVALID, err.field,
                    err.message.isEmpty() ? what + " was refused as invalid (HTTP 400)" : err.message);
            case 422 -> new InvalidRequestException(InvalidRequestException.Kind.POLICY_LIMIT, err.field,
                    err.message.isEmpty() ? what + " goes beyond the scope's policy (HTTP 422)" : err.message);
            case 403, 404 -> new AccessDeniedException(what + " was refused by the broker (HTTP " + code + ")"
                    + (err.message.isEmpty() ? "" : ": " + err.message));
            case 409 -> new ConflictException(err.message.isEmpty() ? what + " conflicts with the current state (HTTP 409)"
                    : err.message, err.code);
            default -> code >= 500
                    ? new BrokerUnreachableException("the broker at " + base + " failed on " + what + " (HTTP " + code + ")", null)
                    : new BrokerProtocolException(what + " answered HTTP " + code
                            + (err.message.isEmpty() ? "" : ": " + err.message), null);
        };
    }

    /** The broker's error shape, read leniently: a broken error body still yields a typed error. */
    private record ErrorBody(String message, String field, String code) {
        static ErrorBody read(String body) {
            try {
                JsonNode n = jackson().readTree(body);
                if (n == null || !n.isObject()) {
                    return new ErrorBody("", null, "");
                }
                String msg = n.path("message").asText(n.path("error").asText(""));
                msg = msg.replaceAll("[\\r\\n]+", " ").strip();
                if (msg.length() > MAX_MESSAGE) {
                    msg = msg.substring(0, MAX_MESSAGE) + "...";
                }
                String field = n.path("field").isTextual() ? n.path("field").asText() : null;
                String code = n.path("error").asText("");
                return new ErrorBody(msg, field, code.matches("[a-z_]{1,40}") ? code : "");
            } catch (IOException | RuntimeException e) {
                return new ErrorBody("", null, "");
            }
        }
    }
}
