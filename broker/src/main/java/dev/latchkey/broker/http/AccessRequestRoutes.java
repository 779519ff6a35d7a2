package dev.latchkey.broker.http;

import static dev.latchkey.broker.http.HttpInput.body;
import static dev.latchkey.broker.http.HttpInput.client;

import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.identity.TokenValidator;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.policy.PolicyHolder;
import dev.latchkey.broker.requests.AccessRequestException;
import dev.latchkey.broker.requests.AccessRequests;
import dev.latchkey.broker.requests.RequestDraft;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Access requests and grants over HTTP: filing (and dry runs), listing, one by id, cancel,
 * approve, deny, and a grant's revoke and extend. The decisions themselves are made in
 * {@link AccessRequests}; this class only reads requests and writes answers.
 */
public final class AccessRequestRoutes {

    private final PolicyHolder policy;
    private final AccessRequests requests;
    private final BearerAuth auth;
    private final Clock clock;

    /**
     * @param validator the token validator; a supplier because the dev IdP's issuer URL is known
     *     only once the server has its port
     */
    public AccessRequestRoutes(PolicyHolder policy, AccessRequests requests, Supplier<TokenValidator> validator,
            Clock clock) {
        this.policy = policy;
        this.requests = requests;
        this.auth = new BearerAuth(validator);
        this.clock = clock;
    }

    /** Registers the routes, and how a refused request or decision is answered. */
    public void register(RoutesConfig routes) {
        routes.exception(AccessRequestException.class, (e, ctx) -> {
            ApiException api = answer(e);
            ctx.status(api.status()).json(new ErrorBody(api.code(), api.getMessage(), api.field()));
        });
        routes.post("/v1/access-requests", this::create);
        routes.get("/v1/access-requests", this::list);
        routes.get("/v1/access-requests/{id}", this::one);
        routes.post("/v1/access-requests/{id}:cancel", this::cancel);
        routes.post("/v1/access-requests/{id}:approve", this::approve);
        routes.post("/v1/access-requests/{id}:deny", this::deny);
        routes.get("/v1/grants", this::grants);
        routes.post("/v1/grants/{id}:revoke", this::revoke);
        routes.post("/v1/grants/{id}:extend", this::extend);
    }

    /** The status and code for each refusal; validation errors name their field. */
    static ApiException answer(AccessRequestException e) {
        String field = e.field().orElse(null);
        return switch (e.kind()) {
            case INVALID -> new ApiException(400, "invalid_request", e.getMessage(), field);
            case FORBIDDEN -> new ApiException(403, "forbidden", e.getMessage(), field);
            case NOT_FOUND -> new ApiException(404, "not_found", e.getMessage(), field);
            case CONFLICT -> new ApiException(409, "conflict", e.getMessage(), field);
            case ALREADY_GRANTED -> new ApiException(409, "already_granted", e.getMessage(), field);
            case POLICY_LIMIT -> new ApiException(422, "policy_limit", e.getMessage(), field);
        };
    }

    private void create(Context ctx) {
        Caller caller = auth.caller(ctx);
        Policy p = policy.current();
        RequestViews.CreateBody b = body(ctx, RequestViews.CreateBody.class);
        RequestDraft draft = new RequestDraft(b.scope(), b.secrets(), b.justification(), b.duration(), b.startAt());
        if (flag(ctx, "dryRun")) {
            ctx.json(RequestViews.of(requests.dryRun(caller, p, draft)));
            return;
        }
        ctx.status(201).json(RequestViews.of(requests.submit(caller, p, draft, client(ctx, caller)), clock.instant()));
    }

    private void list(Context ctx) {
        Caller caller = auth.caller(ctx);
        var list = flag(ctx, "toReview") ? requests.toReview(caller, policy.current()) : requests.mine(caller);
        ctx.json(new RequestViews.RequestList(list.stream().map(r -> RequestViews.of(r, clock.instant())).toList()));
    }

    private void one(Context ctx) {
        Caller caller = auth.caller(ctx);
        ctx.json(RequestViews.of(requests.get(caller, policy.current(), ctx.pathParam("id")), clock.instant()));
    }

    private void cancel(Context ctx) {
        Caller caller = auth.caller(ctx);
        ctx.json(RequestViews.of(requests.cancel(caller, policy.current(), ctx.pathParam("id"), client(ctx, caller)),
                clock.instant()));
    }

    private void approve(Context ctx) {
        Caller caller = auth.caller(ctx);
        Optional<String> reason = optionalBody(ctx, RequestViews.ReasonBody.class).map(RequestViews.ReasonBody::reason);
        ctx.json(RequestViews.of(requests.approve(caller, policy.current(), ctx.pathParam("id"), reason,
                client(ctx, caller)), clock.instant()));
    }

    private void deny(Context ctx) {
        Caller caller = auth.caller(ctx);
        String reason = optionalBody(ctx, RequestViews.ReasonBody.class).map(RequestViews.ReasonBody::reason)
                .orElse(null);
        ctx.json(RequestViews.of(requests.deny(caller, policy.current(), ctx.pathParam("id"), reason,
                client(ctx, caller)), clock.instant()));
    }

    private void grants(Context ctx) {
        Caller caller = auth.caller(ctx);
        ctx.json(new RequestViews.GrantList(requests.grants(caller, flag(ctx, "all")).stream()
                .map(g -> RequestViews.of(g, clock.instant())).toList()));
    }

    private void revoke(Context ctx) {
        Caller caller = auth.caller(ctx);
        Optional<String> reason = optionalBody(ctx, RequestViews.ReasonBody.class).map(RequestViews.ReasonBody::reason);
        ctx.json(RequestViews.of(requests.revoke(caller, policy.current(), ctx.pathParam("id"), reason,
                client(ctx, caller)), clock.instant()));
    }

    private void extend(Context ctx) {
        Caller caller = auth.caller(ctx);
        Policy p = policy.current();
        RequestViews.ExtendBody b = body(ctx, RequestViews.ExtendBody.class);
        String grantId = ctx.pathParam("id");
        if (flag(ctx, "dryRun")) {
            ctx.json(RequestViews.of(requests.dryRunExtension(caller, p, grantId, b.duration(), b.justification())));
            return;
        }
        ctx.status(201).json(RequestViews.of(requests.extend(caller, p, grantId, b.duration(), b.justification(),
                client(ctx, caller)), clock.instant()));
    }

    /** A query flag: {@code ?toReview} or {@code ?toReview=true} is on, {@code =false} off. */
    private static boolean flag(Context ctx, String name) {
        if (!ctx.queryParamMap().containsKey(name)) {
            return false;
        }
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() || !v.equalsIgnoreCase("false");
    }

    /** A body that may be absent or empty ({@code {}}). */
    private static <T> Optional<T> optionalBody(Context ctx, Class<T> type) {
        return ctx.body().isBlank() ? Optional.empty() : Optional.of(body(ctx, type));
    }
}
