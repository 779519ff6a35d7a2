package dev.latchkey.broker.http;

import static dev.latchkey.broker.http.HttpInput.clip;
import static dev.latchkey.broker.http.HttpInput.client;

import dev.latchkey.broker.access.AccessEvaluator;
import dev.latchkey.broker.access.AccessState;
import dev.latchkey.broker.audit.AuditEvent;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.audit.AuditRecord;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.identity.TokenValidator;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.policy.PolicyException;
import dev.latchkey.broker.policy.PolicyHolder;
import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.policy.ScopePolicy;
import dev.latchkey.broker.policy.SecretDecl;
import dev.latchkey.broker.secrets.SecretResolver;
import dev.latchkey.broker.secrets.SecretVault;
import dev.latchkey.broker.secrets.StoredSecret;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The broker's API routes: {@code /.well-known/latchkey} and everything under {@code /v1}. */
public final class ApiRoutes {

    /** The most refs one resolve call may carry. */
    public static final int MAX_REFS = 1_000;
    /** The most audit rows one page holds. */
    public static final int MAX_AUDIT_PAGE = 1_000;
    /** The largest secret value accepted, in UTF-8 bytes. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    private final PolicyHolder policy;
    private final SecretVault vault;
    private final AccessEvaluator access;
    private final SecretResolver resolver;
    private final AuditLog audit;
    private final BearerAuth auth;
    private final Supplier<Views.WellKnown> wellKnown;

    /**
     * @param validator the token validator; a supplier because the dev IdP's issuer URL is known
     *     only once the server has its port
     * @param wellKnown what {@code /.well-known/latchkey} answers
     */
    public ApiRoutes(PolicyHolder policy, SecretVault vault, AccessEvaluator access, AuditLog audit,
            Supplier<TokenValidator> validator, Supplier<WellKnownInfo> wellKnown) {
        this.policy = policy;
        this.vault = vault;
        this.access = access;
        this.audit = audit;
        this.resolver = new SecretResolver(vault, access, audit);
        this.auth = new BearerAuth(validator);
        this.wellKnown = () -> {
            WellKnownInfo info = wellKnown.get();
            return new Views.WellKnown(info.issuer(), info.clientId(), info.scopes(), info.brokerVersion());
        };
    }

    /** What {@code /.well-known/latchkey} tells clients. */
    public record WellKnownInfo(String issuer, String clientId, String scopes, String brokerVersion) {
    }

    /** Registers every route of the API on {@code routes}. */
    public void register(RoutesConfig routes) {
        routes.get("/.well-known/latchkey", ctx -> {
            Query.of(ctx);
            ctx.json(wellKnown.get());
        });
        routes.get("/v1/me", this::me);
        routes.get("/v1/scopes", this::scopes);
        routes.get("/v1/scopes/{team}/{env}/secrets", this::secrets);
        routes.post("/v1/secrets:resolve", this::resolve);
        routes.put("/v1/admin/secrets/{team}/{env}/{name}", this::putSecret);
        routes.post("/v1/admin/policy:reload", this::reloadPolicy);
        routes.get("/v1/audit", this::auditLog);
    }

    private void me(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query.of(ctx);
        Policy p = policy.current();
        Instant now = access.now();
        List<RequestViews.GrantView> grants = new ArrayList<>();
        for (ScopePolicy scope : p.orderedScopes()) {
            if (access.evaluate(caller, scope).orElse(null) instanceof AccessState.Granted g) {
                for (AccessState.GrantWindow w : g.grants()) {
                    if (w.activeAt(now)) {
                        grants.add(new RequestViews.GrantView(w.id(), w.requestId(), caller.username(),
                                scope.id().toString(), w.secrets(), w.startsAt(), w.endsAt(), "active", null, null));
                    }
                }
            }
        }
        ctx.json(new Views.Me(caller.subject(), caller.username(), caller.groups().stream().sorted().toList(),
                p.isAdmin(caller.groups()), grants));
    }

    private void scopes(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query.of(ctx);
        List<Views.ScopeView> out = new ArrayList<>();
        for (ScopePolicy scope : policy.current().orderedScopes()) {
            access.evaluate(caller, scope).ifPresent(state -> out.add(view(scope, state)));
        }
        ctx.json(new Views.ScopeList(out));
    }

    private static Views.ScopeView view(ScopePolicy scope, AccessState state) {
        String id = scope.id().toString();
        // Left out unless true, so answers about scopes without it are as they were.
        Boolean confirm = scope.confirm() ? Boolean.TRUE : null;
        return switch (state) {
            case AccessState.Standing s -> new Views.ScopeView(id, scope.description(), "standing", null, null, null, confirm);
            case AccessState.Granted g -> new Views.ScopeView(id, scope.description(), "granted", g.until(), null, null,
                    confirm);
            case AccessState.Requestable r -> new Views.ScopeView(id, scope.description(), "requestable", null,
                    r.maxDuration().toSeconds(), r.autoApprovedUpTo().map(d -> d.toSeconds()).orElse(null), confirm);
            case AccessState.None n -> new Views.ScopeView(id, scope.description(), "none", null, null, null, confirm);
        };
    }

    private void secrets(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query.of(ctx);
        ScopePolicy scope = visibleScope(caller, ctx.pathParam("team"), ctx.pathParam("env"));
        AccessState state = access.evaluate(caller, scope).orElseThrow();
        Map<String, StoredSecret> stored = vault.list(scope.id());
        Map<String, Views.SecretMeta> out = new TreeMap<>();
        for (SecretDecl decl : scope.secrets()) {
            out.put(decl.name(), meta(decl.name(), Optional.of(decl), Optional.ofNullable(stored.get(decl.name()))));
        }
        for (StoredSecret s : stored.values()) {
            out.computeIfAbsent(s.name(), n -> meta(n, Optional.empty(), Optional.of(s)));
        }
        ctx.json(new Views.SecretList(scope.id().toString(), view(scope, state).access(), List.copyOf(out.values())));
    }

    private static Views.SecretMeta meta(String name, Optional<SecretDecl> decl, Optional<StoredSecret> stored) {
        Instant updated = stored.map(StoredSecret::updated).orElse(null);
        Instant rotationDue = updated == null ? null
                : decl.flatMap(SecretDecl::rotateEvery).map(updated::plus).orElse(null);
        return new Views.SecretMeta(name, decl.map(SecretDecl::description).orElse(""),
                stored.map(StoredSecret::version).orElse(0), updated, rotationDue);
    }

    private ScopePolicy visibleScope(Caller caller, String team, String env) {
        ScopeId id = scopeOf(team, env);
        ScopePolicy scope = policy.current().scope(id).orElseThrow(() -> ApiException.notFound("there is no scope " + id));
        if (!scope.mayBrowse(caller.groups())) {
            throw ApiException.forbidden("you may not see " + id + "; ask its owners for access");
        }
        return scope;
    }

    private void resolve(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query.of(ctx);
        List<String> refs = JsonBody.read(ctx).texts(Contract.REF, 1, MAX_REFS, "too_many_refs")
                .orElseThrow(() -> Contract.REF.invalid(Contract.REF.missing()));
        List<SecretResolver.Outcome> outcomes = resolver.resolve(caller, policy.current(), refs, client(ctx, caller));
        List<Views.ResolvedView> resolved = new ArrayList<>();
        List<Views.RefusedView> refused = new ArrayList<>();
        for (SecretResolver.Outcome o : outcomes) {
            switch (o) {
                case SecretResolver.Outcome.Resolved r -> resolved.add(
                        new Views.ResolvedView(r.ref(), r.value(), r.version(), r.accessEnds().orElse(null),
                                r.grantId().orElse(null)));
                case SecretResolver.Outcome.Refused r -> refused.add(
                        new Views.RefusedView(clip(r.ref()), r.reason().code(), r.message()));
            }
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(new Views.ResolveResponse(resolved, refused));
    }

    private void putSecret(Context ctx) {
        Caller caller = requireAdmin(ctx);
        Query.of(ctx);
        ScopeId id = scopeOf(ctx.pathParam("team"), ctx.pathParam("env"));
        String name = Contract.SECRET_NAME.check(ctx.pathParam("name"));
        String value = JsonBody.read(ctx).requiredText(Contract.VALUE);
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw new ApiException(413, "value_too_large", "a secret value may be at most 64 KiB of UTF-8", "value");
        }
        if (policy.current().scope(id).isEmpty()) {
            throw ApiException.notFound("there is no scope " + id + " in the policy; add it there first");
        }
        StoredSecret stored = vault.put(id, name, value, caller.subject());
        audit.append(new AuditEvent(caller.subject(), client(ctx, caller), "secret.put", id + "/" + name, "ok",
                "v" + stored.version()));
        LOG.info("{} set {}/{} to version {}", caller.subject(), id, name, stored.version());
        ctx.status(200).json(new Views.PutSecretResponse(id.toString(), name, stored.version(), stored.updated()));
    }

    private void reloadPolicy(Context ctx) {
        Caller caller = requireAdmin(ctx);
        Query.of(ctx);
        try {
            Policy next = policy.reload();
            audit.append(new AuditEvent(caller.subject(), client(ctx, caller), "policy.reload", next.source(), "ok",
                    next.scopes().size() + " scopes"));
            ctx.json(new Views.PolicyReloaded(next.source(), next.scopes().size()));
        } catch (PolicyException e) {
            audit.append(new AuditEvent(caller.subject(), client(ctx, caller), "policy.reload", e.source(), "rejected",
                    e.getMessage()));
            throw new ApiException(422, "invalid_policy", e.getMessage() + " (the previous policy stays in force)");
        }
    }

    private void auditLog(Context ctx) {
        requireAdmin(ctx);
        Query query = Query.of(ctx, "after", "limit");
        long after = query.number("after", 0, Long.MAX_VALUE).orElse(0);
        int limit = (int) query.number("limit", 1, MAX_AUDIT_PAGE).orElse(100);
        List<AuditRecord> rows = audit.after(after, limit);
        List<Views.AuditRow> out = rows.stream().map(r -> new Views.AuditRow(r.seq(), r.at(), r.event().actor(),
                r.event().client(), r.event().action(), r.event().target(), r.event().outcome(), r.event().detail(),
                r.prevHash(), r.hash())).toList();
        ctx.json(new Views.AuditPage(out, rows.isEmpty() ? after : rows.getLast().seq()));
    }

    /** A scope from path parameters, each checked as the document says. */
    private static ScopeId scopeOf(String team, String env) {
        return new ScopeId(Contract.TEAM.check(team), Contract.ENV.check(env));
    }

    private Caller requireAdmin(Context ctx) {
        Caller caller = auth.caller(ctx);
        if (!policy.current().isAdmin(caller.groups())) {
            throw ApiException.forbidden("this call is for the policy's admin groups");
        }
        return caller;
    }
}
