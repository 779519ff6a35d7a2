package dev.latchkey.broker.http;

import dev.latchkey.broker.identity.Caller;
import io.javalin.http.Context;

/** What every route class needs of a request beyond its body and query: the client's name, safe echoes. */
final class HttpInput {

    private HttpInput() {
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
