package dev.latchkey.broker.http;

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
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Access requests and grants over HTTP: filing (and dry runs), listing, one by id, cancel,
 * approve, deny, and a grant's revoke and extend. The decisions themselves are made in
 * {@link AccessRequests}; this class only reads requests and writes answers.
 */
public final class AccessRequestRoutes {

    /** The most secrets one request may name. */
    static final int MAX_SECRETS = 100;

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
        boolean dryRun = Query.of(ctx, "dryRun").flag("dryRun");
        Policy p = policy.current();
        JsonBody b = JsonBody.read(ctx);
        RequestDraft draft = new RequestDraft(b.requiredText(Contract.SCOPE),
                b.texts(Contract.SECRETS, 0, MAX_SECRETS, null).orElse(null), b.requiredText(Contract.JUSTIFICATION),
                b.requiredText(Contract.DURATION_FIELD), startAt(b));
        if (dryRun) {
            ctx.json(RequestViews.of(requests.dryRun(caller, p, draft)));
            return;
        }
        ctx.status(201).json(RequestViews.of(requests.submit(caller, p, draft, client(ctx, caller)), clock.instant()));
    }

    private void list(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query query = Query.of(ctx, "mine", "toReview");
        query.flag("mine"); // the default; checked only for its form
        boolean toReview = query.flag("toReview");
        var list = toReview ? requests.toReview(caller, policy.current()) : requests.mine(caller);
        ctx.json(new RequestViews.RequestList(list.stream().map(r -> RequestViews.of(r, clock.instant())).toList()));
    }

    private void one(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query.of(ctx);
        ctx.json(RequestViews.of(requests.get(caller, policy.current(), id(ctx)), clock.instant()));
    }

    private void cancel(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query.of(ctx);
        JsonBody.readOptional(ctx);
        ctx.json(RequestViews.of(requests.cancel(caller, policy.current(), id(ctx), client(ctx, caller)),
                clock.instant()));
    }

    private void approve(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query.of(ctx);
        Optional<String> reason = reason(ctx);
        ctx.json(RequestViews.of(requests.approve(caller, policy.current(), id(ctx), reason,
                client(ctx, caller)), clock.instant()));
    }

    private void deny(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query.of(ctx);
        String reason = JsonBody.readOptional(ctx).map(b -> b.requiredText(Contract.DENY_REASON))
                .orElseThrow(() -> Contract.DENY_REASON.invalid(Contract.DENY_REASON.missing()));
        ctx.json(RequestViews.of(requests.deny(caller, policy.current(), id(ctx), reason,
                client(ctx, caller)), clock.instant()));
    }

    private void grants(Context ctx) {
        Caller caller = auth.caller(ctx);
        boolean all = Query.of(ctx, "all").flag("all");
        ctx.json(new RequestViews.GrantList(requests.grants(caller, all).stream()
                .map(g -> RequestViews.of(g, clock.instant())).toList()));
    }

    private void revoke(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query.of(ctx);
        Optional<String> reason = reason(ctx);
        ctx.json(RequestViews.of(requests.revoke(caller, policy.current(), id(ctx), reason,
                client(ctx, caller)), clock.instant()));
    }

    private void extend(Context ctx) {
        Caller caller = auth.caller(ctx);
        boolean dryRun = Query.of(ctx, "dryRun").flag("dryRun");
        Policy p = policy.current();
        JsonBody b = JsonBody.read(ctx);
        String duration = b.requiredText(Contract.DURATION_FIELD);
        String justification = b.requiredText(Contract.JUSTIFICATION);
        String grantId = id(ctx);
        if (dryRun) {
            ctx.json(RequestViews.of(requests.dryRunExtension(caller, p, grantId, duration, justification)));
            return;
        }
        ctx.status(201).json(RequestViews.of(requests.extend(caller, p, grantId, duration, justification,
                client(ctx, caller)), clock.instant()));
    }

    private static String id(Context ctx) {
        return Contract.ID.check(ctx.pathParam("id"));
    }

    /** A reason in an optional body ({@code {}} or none at all gives none). */
    private static Optional<String> reason(Context ctx) {
        return JsonBody.readOptional(ctx).flatMap(b -> b.text(Contract.REASON));
    }

    /** {@code startAt}, checked as an RFC 3339 instant; the broker reads it as such. */
    private static String startAt(JsonBody b) {
        Optional<String> text = b.text(Contract.START_AT);
        text.ifPresent(t -> {
            try {
                OffsetDateTime.parse(t.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                throw Contract.START_AT.invalid(Contract.START_AT.mismatch() + "; this one does not exist");
            }
        });
        return text.orElse(null);
    }
}
