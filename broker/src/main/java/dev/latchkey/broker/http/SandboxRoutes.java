package dev.latchkey.broker.http;

import static dev.latchkey.broker.http.HttpInput.client;

import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.identity.TokenValidator;
import dev.latchkey.broker.policy.SandboxPolicy;
import dev.latchkey.broker.sandbox.Introspection;
import dev.latchkey.broker.sandbox.MintedToken;
import dev.latchkey.broker.sandbox.SandboxException;
import dev.latchkey.broker.sandbox.SandboxTokens;
import dev.latchkey.broker.sandbox.SigningKeys;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Sandbox tokens: {@code /v1/sandboxes}, minting, the broker's JWKS and RFC 7662 introspection. */
public final class SandboxRoutes {

    private final SandboxTokens tokens;
    private final SigningKeys keys;
    private final BearerAuth auth;

    public SandboxRoutes(SandboxTokens tokens, SigningKeys keys, Supplier<TokenValidator> validator) {
        this.tokens = tokens;
        this.keys = keys;
        this.auth = new BearerAuth(validator);
    }

    /** Registers the routes on {@code routes}. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/sandboxes", this::sandboxes);
        routes.post("/v1/sandbox-tokens", this::mint);
        routes.get("/v1/jwks", this::jwks);
        routes.post("/v1/introspect", this::introspect);
    }

    record SandboxView(String name, String scope, String audience, String maxTtl, long maxTtlSeconds, boolean mayMint,
            Instant accessEnds) {
    }

    record SandboxList(List<SandboxView> sandboxes) {
    }

    record MintResponse(String sandbox, String token, String tokenType, String audience, String scope, Instant issuedAt,
            Instant expiresAt, String jti) {
    }

    private void sandboxes(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query.of(ctx);
        List<SandboxView> out = tokens.offers(caller).stream().map(o -> {
            SandboxPolicy s = o.sandbox();
            return new SandboxView(s.name(), s.scope().toString(), s.audience(), s.maxTtl().toString(),
                    s.maxTtl().toSeconds(), o.mayMint(), o.accessEnds().orElse(null));
        }).toList();
        ctx.json(new SandboxList(out));
    }

    private void mint(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query.of(ctx);
        JsonBody body = JsonBody.read(ctx);
        String sandbox = body.requiredText(Contract.SANDBOX);
        Optional<String> ttl = body.text(Contract.TTL);
        MintedToken t;
        try {
            t = tokens.mint(caller, client(ctx, caller), sandbox, ttl);
        } catch (SandboxException e) {
            throw switch (e.kind()) {
                case UNKNOWN_SANDBOX -> ApiException.notFound(e.getMessage());
                case NO_ACCESS -> new ApiException(403, "access_denied", e.getMessage());
                // The document's pattern admits 0s; a token that lives no time is a limit, not a typo.
                case BAD_TTL -> new ApiException(422, "policy_limit", e.getMessage(), "ttl");
            };
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(new MintResponse(t.sandbox(), t.token(), "Bearer", t.audience(), t.scope(), t.issuedAt(),
                t.expiresAt(), t.jti()));
    }

    private void jwks(Context ctx) {
        Query.of(ctx);
        ctx.header("Cache-Control", "max-age=300");
        ctx.contentType("application/jwk-set+json").result(keys.publicSet().toString(true));
    }

    private void introspect(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query.of(ctx);
        Introspection result = tokens.introspect(caller, client(ctx, caller), FormBody.token(ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        switch (result) {
            case Introspection.Inactive i -> out.put("active", false);
            case Introspection.Active a -> {
                out.put("active", true);
                out.put("sub", a.subject());
                out.put("username", a.username());
                out.put("aud", a.audience());
                out.put("iss", a.issuer());
                out.put("exp", a.expiresAt().getEpochSecond());
                out.put("iat", a.issuedAt().getEpochSecond());
                out.put("jti", a.jti());
                out.put("token_type", "Bearer");
                out.put("sandbox", a.sandbox());
                out.put("scope", a.scope());
            }
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(out);
    }
}
