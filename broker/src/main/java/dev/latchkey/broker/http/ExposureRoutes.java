package dev.latchkey.broker.http;

import static dev.latchkey.broker.http.HttpInput.clip;
import static dev.latchkey.broker.http.HttpInput.client;

import dev.latchkey.broker.audit.AuditEvent;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.exposures.ExposureStore;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.identity.TokenValidator;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.policy.PolicyHolder;
import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.policy.ScopePolicy;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The leak guard's exposure reports: {@code POST /v1/exposures} takes counts by reference (no
 * value, no file content) and {@code GET /v1/exposures} lists the secrets due for rotation
 * because one was found in a commit that reached a remote.
 */
public final class ExposureRoutes {

    /** The most references one report may carry. */
    public static final int MAX_ITEMS = 1_000;
    private static final Pattern REF = Pattern.compile("^latchkey://([^/]+)/([^/]+)/([^/#]+)(?:#.*)?$");
    private static final Set<String> SOURCES = Set.of("pre-commit", "pre-push", "history", "scan");
    private static final Set<String> KINDS = Set.of("prevented", "exposed");

    private final PolicyHolder policy;
    private final ExposureStore store;
    private final AuditLog audit;
    private final BearerAuth auth;

    public ExposureRoutes(PolicyHolder policy, ExposureStore store, AuditLog audit, Supplier<TokenValidator> validator) {
        this.policy = policy;
        this.store = store;
        this.audit = audit;
        this.auth = new BearerAuth(validator);
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/exposures", this::report);
        routes.get("/v1/exposures", this::due);
    }

    record Item(String ref, String kind, Integer count) {
    }

    record ReportRequest(String source, List<Item> exposures) {
    }

    record Note(String ref, String message) {
    }

    record ReportResponse(int recorded, List<Note> ignored, List<Note> rotate) {
    }

    record DueView(String ref, String scope, String name, Instant exposedAt, long reports, String message) {
    }

    record DueList(List<DueView> dueForRotation) {
    }

    private void report(Context ctx) {
        Query.of(ctx);
        Caller caller = auth.caller(ctx);
        ReportRequest request = JsonBody.read(ctx).as(ReportRequest.class);
        if (request.source() == null || !SOURCES.contains(request.source())) {
            throw new ApiException(400, "invalid_request", "'source' is one of pre-commit, pre-push, history, scan", "source");
        }
        if (request.exposures() == null || request.exposures().isEmpty()) {
            throw new ApiException(400, "invalid_request", "give the counts in 'exposures'", "exposures");
        }
        if (request.exposures().size() > MAX_ITEMS) {
            throw new ApiException(413, "too_many_refs", "at most " + MAX_ITEMS + " references per report", "exposures");
        }
        Policy p = policy.current();
        List<ExposureStore.Report> accepted = new ArrayList<>();
        List<Note> ignored = new ArrayList<>();
        List<Note> rotate = new ArrayList<>();
        for (Item item : request.exposures()) {
            if (item == null || item.ref() == null || item.kind() == null || !KINDS.contains(item.kind())
                    || item.count() == null || item.count() < 1 || item.count() > 100_000) {
                throw new ApiException(400, "invalid_request", "each exposure has a ref, a kind (prevented or exposed)"
                        + " and a count from 1 to 100000", "exposures");
            }
            Matcher m = REF.matcher(item.ref());
            Optional<ScopeId> id = m.matches() ? ScopeId.parse(m.group(1) + "/" + m.group(2)) : Optional.empty();
            Optional<ScopePolicy> scope = id.flatMap(p::scope);
            if (scope.isEmpty() || !(scope.get().mayBrowse(caller.groups()) || p.isAdmin(caller.groups()))) {
                ignored.add(new Note(clip(item.ref()), "not a secret you can see; nothing recorded for it"));
                continue;
            }
            accepted.add(new ExposureStore.Report(id.get(), m.group(3), item.kind(), item.count(), request.source()));
            if (item.kind().equals("exposed")) {
                rotate.add(new Note(item.ref(), "rotate " + item.ref() + ": it was found in a commit that reached a"
                        + " remote; store a new value and revoke the old one"));
            }
        }
        if (!accepted.isEmpty()) {
            store.add(caller.subject(), accepted);
            for (ExposureStore.Report r : accepted) {
                audit.append(new AuditEvent(caller.subject(), client(ctx, caller), "guard." + r.kind(),
                        "latchkey://" + r.scope() + "/" + r.name(), "ok", r.found() + " found, " + r.source()));
            }
        }
        ctx.json(new ReportResponse(accepted.size(), ignored, rotate));
    }

    private void due(Context ctx) {
        Query.of(ctx);
        Caller caller = auth.caller(ctx);
        Policy p = policy.current();
        boolean admin = p.isAdmin(caller.groups());
        List<DueView> out = new ArrayList<>();
        for (ExposureStore.Due d : store.dueForRotation()) {
            boolean visible = admin || p.scope(d.scope()).map(s -> s.mayBrowse(caller.groups())).orElse(false);
            if (visible) {
                String ref = "latchkey://" + d.scope() + "/" + d.name();
                out.add(new DueView(ref, d.scope().toString(), d.name(), d.exposedAt(), d.reports(),
                        "rotate " + ref + ": exposed at " + d.exposedAt() + " and not changed since"));
            }
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(new DueList(out));
    }
}
