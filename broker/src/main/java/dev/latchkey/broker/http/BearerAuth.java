package dev.latchkey.broker.http;

import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.identity.IdentityProviderUnavailableException;
import dev.latchkey.broker.identity.InvalidTokenException;
import dev.latchkey.broker.identity.TokenValidator;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the caller of a {@code /v1} request from its bearer token, or answers 401. */
final class BearerAuth {

    private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);
    private static final String CALLER = "latchkey.caller";

    private final Supplier<TokenValidator> validator;

    BearerAuth(Supplier<TokenValidator> validator) {
        this.validator = validator;
    }

    /** The caller, validated once per request. */
    Caller caller(Context ctx) {
        Caller known = ctx.attribute(CALLER);
        if (known != null) {
            return known;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthorized(null, "this call needs a bearer token (sign in first)");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw unauthorized("invalid_request", "the Authorization header must be 'Bearer <token>'");
        }
        try {
            Caller caller = validator.get().validate(header.substring(7).strip());
            ctx.attribute(CALLER, caller);
            return caller;
        } catch (InvalidTokenException e) {
            LOG.info("rejected a bearer token: {}", e.getMessage());
            throw unauthorized("invalid_token", e.getMessage());
        } catch (IdentityProviderUnavailableException e) {
            LOG.warn("cannot check tokens now: {}", e.getMessage());
            throw new ApiException(503, "idp_unavailable",
                    "the broker cannot reach its identity provider to check your token; try again shortly");
        }
    }

    private static ApiException unauthorized(String error, String description) {
        StringBuilder challenge = new StringBuilder("Bearer realm=\"latchkey\"");
        if (error != null) {
            challenge.append(", error=\"").append(error).append('"');
        }
        challenge.append(", error_description=\"").append(description.replace("\"", "'").replace("\\", "/")).append('"');
        return new ApiException(401, error == null ? "unauthorized" : error, description,
                Map.of("WWW-Authenticate", challenge.toString()));
    }
}
