package dev.latchkey.core.internal.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.core.auth.IdpUnreachableException;
import dev.latchkey.core.diagnostics.FailureText;
import dev.latchkey.core.diagnostics.LatchkeyVersion;
import dev.latchkey.core.internal.http.SharedHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import dev.latchkey.core.auth.IdpProtocolException;
import dev.latchkey.core.auth.AuthException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON over HTTP to the broker's well-known document and the IdP, with the rules every such
 * call follows: a bounded time, no redirects (a redirect to plain http would leak a code),
 * a bounded body, and errors that name the URL and never echo a body (it may hold a token).
 */
final class IdpHttp {

    /** Bodies past this size are refused: a discovery or token answer is a few KB. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A target's two clients. {@code idempotent} is for GETs: a pooled connection the server closed
     * while it sat idle (a broker's idle limit) looks alive to OkHttp until a GET is written on it,
     * and then fails; a GET is safe to send again on a new connection, so this client does. POSTs
     * are not sent twice (a refresh token may rotate on the first), and OkHttp checks a pooled
     * connection closely before a POST.
     */
    private record Clients(OkHttpClient http, OkHttpClient idempotent) {
    }

    private final Duration callTimeout;
    /** For plain-HTTP targets (loopback only, which SecureUrl checks): no TLS is set up for them. */
    private Clients plain;
    /** For https targets, made on first use: OkHttp reads and parses the JDK's trust store then. */
    private Clients tls;

    IdpHttp(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    /** The clients for calls to {@code url}: a demo's or developer's IdP on loopback never pays for TLS. */
    private synchronized Clients clientsFor(URI url) {
        boolean plainHttp = "http".equalsIgnoreCase(url.getScheme());
        Clients made = plainHttp ? plain : tls;
        if (made == null) {
            OkHttpClient http = SharedHttpClient.newBuilder(url)
                    .connectTimeout(callTimeout)
                    .readTimeout(callTimeout)
                    .writeTimeout(callTimeout)
                    .callTimeout(callTimeout)
                    .followRedirects(false)
                    .followSslRedirects(false)
                    .retryOnConnectionFailure(false)
                    .build();
            made = new Clients(http, http.newBuilder().retryOnConnectionFailure(true).build());
            if (plainHttp) {
                plain = made;
            } else {
                tls = made;
            }
        }
        return made;
    }

    /** A JSON answer: its status (2xx, or 4xx for OAuth errors) and its object. */
    record Answer(int status, JsonNode body) {
    }

    /** GET a JSON object; anything but 2xx is an error. */
    JsonNode get(String what, URI url) throws AuthException {
        Answer a = send(clientsFor(url).idempotent(), what, url, new Request.Builder().url(httpUrl(what, url)).get());
        if (a.status() / 100 != 2) {
            throw new IdpProtocolException(what + " at " + url + " answered HTTP " + a.status()
                    + "; check that the URL is right");
        }
        return a.body();
    }

    /** POST a form and return a JSON answer, 2xx or an OAuth error (4xx with a JSON object). */
    Answer post(String what, URI url, Map<String, String> form) throws AuthException {
        FormBody.Builder body = new FormBody.Builder();
        form.forEach(body::add);
        return send(clientsFor(url).http(), what, url, new Request.Builder().url(httpUrl(what, url)).post(body.build()));
    }

    /** POST a form where only the status matters (RFC 7009 revocation answers 200 with no body). */
    int postForStatus(String what, URI url, Map<String, String> form) throws AuthException {
        FormBody.Builder body = new FormBody.Builder();
        form.forEach(body::add);
        Request request = new Request.Builder().url(httpUrl(what, url)).post(body.build())
                .header("User-Agent", LatchkeyVersion.userAgent()).build();
        try (Response response = clientsFor(url).http().newCall(request).execute()) {
            return response.code();
        } catch (InterruptedIOException e) {
            throw new IdpUnreachableException(what + " at " + url + " did not answer within "
                    + callTimeout.toMillis() + " ms; check the network and try again", e);
        } catch (IOException e) {
            throw new IdpUnreachableException("cannot reach " + what + " at " + url + " ("
                    + FailureText.describeConnection(e) + "); check the URL and the network", e);
        }
    }

    private Answer send(OkHttpClient client, String what, URI url, Request.Builder request) throws AuthException {
        request.header("Accept", "application/json").header("User-Agent", LatchkeyVersion.userAgent());
        try (Response response = client.newCall(request.build()).execute()) {
            int status = response.code();
            if (status >= 300 && status < 400) {
                throw new IdpProtocolException(what + " at " + url + " answered with a redirect (HTTP " + status
                        + " to " + withoutQuery(response.header("Location")) + "); Latchkey does not follow "
                        + "redirects while signing in. Use the final https URL.");
            }
            if (status >= 500) {
                throw new IdpUnreachableException(what + " at " + url + " failed on the server side (HTTP " + status
                        + "); try again in a minute, and tell whoever runs it if it persists");
            }
            String type = String.valueOf(response.header("Content-Type")).toLowerCase(Locale.ROOT);
            if (type.contains("html")) {
                throw new IdpProtocolException(what + " at " + url + " answered with a web page (HTTP " + status
                        + ") instead of JSON; check the URL, or whether a proxy or login page is in the way");
            }
            byte[] bytes = readBounded(what, url, response.body());
            JsonNode node;
            try {
                node = JSON.readTree(bytes);
            } catch (IOException e) {
                throw new IdpProtocolException(what + " at " + url + " answered HTTP " + status
                        + " with something that is not JSON; check the URL");
            }
            if (node == null || !node.isObject()) {
                throw new IdpProtocolException(what + " at " + url + " answered HTTP " + status
                        + " with JSON that is not an object");
            }
            if (status / 100 != 2 && !(status >= 400 && status < 500)) {
                throw new IdpProtocolException(what + " at " + url + " answered HTTP " + status + ", which it should not");
            }
            return new Answer(status, node);
        } catch (InterruptedIOException e) {
            throw new IdpUnreachableException(what + " at " + url + " did not answer within "
                    + callTimeout.toMillis() + " ms; check the network and try again", e);
        } catch (IOException e) {
            throw new IdpUnreachableException("cannot reach " + what + " at " + url + " ("
                    + FailureText.describeConnection(e) + "); check the URL and the network", e);
        }
    }

    private byte[] readBounded(String what, URI url, ResponseBody body) throws IOException, AuthException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = body.byteStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BODY_BYTES) {
                    throw new IdpProtocolException(what + " at " + url + " answered with more than "
                            + MAX_BODY_BYTES / 1024 + " KB; that is not a sign-in answer. Check the URL.");
                }
            }
        }
        return out.toByteArray();
    }

    private static HttpUrl httpUrl(String what, URI url) throws IdpProtocolException {
        HttpUrl parsed = HttpUrl.parse(url.toString());
        if (parsed == null) {
            throw new IdpProtocolException(what + " has a URL Latchkey cannot use: " + url);
        }
        return parsed;
    }

    private static String withoutQuery(String location) {
        if (location == null) {
            return "nowhere";
        }
        int cut = location.indexOf('?');
        return SecureUrl.shorten(cut < 0 ? location : location.substring(0, cut));
    }
}
