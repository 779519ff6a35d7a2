package dev.latchkey.broker.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.identity.TokenValidator;
import dev.latchkey.broker.metrics.BrokerMetrics;
import dev.latchkey.broker.metrics.MetricsReader;
import dev.latchkey.broker.metrics.PrometheusText;
import dev.latchkey.broker.policy.PolicyHolder;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The broker's numbers: {@code GET /v1/metrics} as JSON for admins, and {@code GET /metrics}
 * in Prometheus text format without a token (it holds counts only, so a scraper needs none).
 */
public final class MetricsRoutes {

    private final MetricsReader metrics;
    private final PolicyHolder policy;
    private final BearerAuth auth;

    public MetricsRoutes(MetricsReader metrics, PolicyHolder policy, Supplier<TokenValidator> validator) {
        this.metrics = metrics;
        this.policy = policy;
        this.auth = new BearerAuth(validator);
    }

    /** Registers the routes on {@code routes}. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/metrics", this::json);
        routes.get("/metrics", this::prometheus);
    }

    record DecisionView(@JsonInclude(JsonInclude.Include.ALWAYS) Double p50,
            @JsonInclude(JsonInclude.Include.ALWAYS) Double p95) {
    }

    record MetricsView(Map<String, Long> requests, long autoApproved, DecisionView decisionSeconds,
            @JsonInclude(JsonInclude.Include.ALWAYS) Double decidedWithinSla, long activeGrants, long tokensMinted,
            long introspections, Map<String, Long> exposuresPrevented, Map<String, Long> exposures) {
    }

    private void json(Context ctx) {
        Caller caller = auth.caller(ctx);
        Query.of(ctx);
        if (!policy.current().isAdmin(caller.groups())) {
            throw ApiException.forbidden("the broker's metrics are for the policy's admin groups");
        }
        BrokerMetrics m = metrics.read();
        Map<String, Long> requests = new LinkedHashMap<>();
        MetricsReader.STATES.forEach(s -> requests.put(s, m.requests().getOrDefault(s, 0L)));
        ctx.header("Cache-Control", "no-store");
        ctx.json(new MetricsView(requests, m.autoApproved(),
                new DecisionView(boxed(m.decisionSeconds().p50()), boxed(m.decisionSeconds().p95())),
                boxed(m.decidedWithinSla()), m.activeGrants(), m.tokensMinted(), m.introspections(),
                m.exposuresPrevented(), m.exposures()));
    }

    private void prometheus(Context ctx) {
        Query.of(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(PrometheusText.CONTENT_TYPE).result(PrometheusText.render(metrics.read()));
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
