package dev.latchkey.broker.devidp;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an OAuth request strictly — form encoding, no repeated parameters, the one known client —
 * failing with the {@link OAuthError} RFC 6749 names, for {@link OAuthEndpoints}.
 */
final class OAuthRequest {

    private OAuthRequest() {
    }

    /**
     * Who is calling. A public client names itself with {@code client_id}; one that sends HTTP
     * Basic instead is read too, and a wrong one is challenged as RFC 6749 §5.2 requires.
     */
    static String client(Context ctx, String knownClient) {
        String bodyId = param(ctx, "client_id");
        String header = ctx.header("Authorization");
        String headerId = null;
        if (header != null) {
            headerId = basicClientId(header);
            if (bodyId != null && !bodyId.equals(headerId)) {
                throw OAuthError.invalidRequest("client_id in the body and in the Authorization header differ.");
            }
        }
        String clientId = headerId != null ? headerId : bodyId;
        if (clientId == null) {
            throw OAuthError.invalidRequest("client_id is missing.");
        }
        if (!clientId.equals(knownClient)) {
            throw OAuthError.invalidClient("Unknown client. This development IdP serves only the client '"
                    + knownClient + "'.", header != null);
        }
        return clientId;
    }

    private static String basicClientId(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw OAuthError.invalidClient("Unsupported client authentication; a public client sends client_id "
                    + "in the body (or HTTP Basic with an empty password).", true);
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthError.invalidClient("Malformed HTTP Basic credentials.", true);
            }
            // RFC 6749 §2.3.1: the id is form-encoded before it goes into Basic.
            return URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient("Malformed HTTP Basic credentials.", true);
        }
    }

    /** Validates a space-separated scope list; {@code fallback} when it is absent. */
    static String scope(String requested, String fallback) {
        if (requested == null) {
            return fallback;
        }
        Set<String> scopes = new LinkedHashSet<>(List.of(requested.strip().split(" +")));
        for (String scope : scopes) {
            if (!OAuthEndpoints.SUPPORTED_SCOPES.contains(scope)) {
                throw OAuthError.badRequest("invalid_scope",
                        "Unsupported scope; this IdP knows " + String.join(", ", OAuthEndpoints.SUPPORTED_SCOPES) + ".");
            }
        }
        return String.join(" ", scopes);
    }

    /** RFC 6749 §3.1 and §3.2: an empty parameter counts as absent, a repeated one is an error. */
    static String param(Context ctx, String name) {
        List<String> values = ctx.formParams(name);
        if (values.size() > 1) {
            throw OAuthError.invalidRequest(name + " was sent more than once.");
        }
        return values.isEmpty() || values.getFirst().isEmpty() ? null : values.getFirst();
    }

    static void requireForm(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthError.invalidRequest("Send the parameters as application/x-www-form-urlencoded.");
        }
    }
}
