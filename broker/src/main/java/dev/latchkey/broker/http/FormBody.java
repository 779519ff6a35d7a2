package dev.latchkey.broker.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/** The form body of RFC 7662 introspection, read as strictly as {@link JsonBody} reads JSON. */
final class FormBody {

    private FormBody() {
    }

    /** The {@code token} field: once, not blank. */
    static String token(Context ctx) {
        String type = ctx.contentType();
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/x-www-form-urlencoded")) {
            throw new ApiException(415, "unsupported_media_type",
                    "send the token as a form: Content-Type application/x-www-form-urlencoded, token=...");
        }
        List<String> tokens = ctx.formParams("token");
        if (tokens.isEmpty()) {
            throw Contract.TOKEN.invalid(Contract.TOKEN.missing());
        }
        if (tokens.size() > 1) {
            throw Contract.TOKEN.invalid("give 'token' once");
        }
        return Contract.TOKEN.check(tokens.getFirst()).strip();
    }
}
