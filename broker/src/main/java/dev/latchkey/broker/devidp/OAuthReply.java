package dev.latchkey.broker.devidp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the dev IdP's JSON answers: errors in RFC 6749 §5.2 shape, tokens never cached. */
final class OAuthReply {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OAuthReply() {
    }

    /** Runs an endpoint, answering its OAuthError in RFC 6749 §5.2 shape with no-store headers. */
    static Handler oauth(Handler endpoint) {
        return ctx -> {
            try {
                endpoint.handle(ctx);
            } catch (OAuthError error) {
                if (error.wwwAuthenticate() != null) {
                    ctx.header("WWW-Authenticate", error.wwwAuthenticate());
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", error.code());
                body.put("error_description", error.description());
                noStoreJson(ctx, error.status(), body);
            }
        };
    }

    static void noStoreJson(Context ctx, int status, Object body) {
        // RFC 6749 §5.1: responses carrying tokens must not be cached.
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        json(ctx, status, body);
    }

    static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a dev IdP response", e);
        }
    }
}
