package dev.latchkey.broker.http;

import dev.latchkey.broker.identity.Caller;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/** Reading a request the same way in every route class: bodies, numbers, the client's name. */
final class HttpInput {

    private HttpInput() {
    }

    /** The JSON body as {@code type}; a 400 that says only what is wrong, never quoting the input. */
    static <T> T body(Context ctx, Class<T> type) {
        try {
            T value = ctx.bodyAsClass(type);
            if (value == null) {
                throw ApiException.badRequest("the request needs a JSON body");
            }
            return value;
        } catch (ApiException | HttpResponseException e) {
            throw e;
        } catch (Exception e) {
            // Jackson's message may quote the input, which may hold a value: say only what is wrong.
            throw ApiException.badRequest("the request body is not the JSON this call expects");
        }
    }

    static long longParam(Context ctx, String name, long fallback) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a number");
        }
    }

    /** How the audit log names the caller's client: its OAuth client id and address. */
    static String client(Context ctx, Caller caller) {
        return caller.clientId() + "@" + ctx.ip();
    }

    /** Caller-supplied text cut to a length that is safe to echo in a message. */
    static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
