package dev.latchkey.broker.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@link BrokerMetrics} in the Prometheus text exposition format, version 0.0.4: a
 * {@code # HELP} and a {@code # TYPE} line per metric, then its samples. The only label is a
 * request's outcome (a fixed word) and, for the leak guard's exposure counts, a scope
 * ({@code team/env}, as the policy names it); nothing here names a user or a secret.
 */
public final class PrometheusText {

    /** The Content-Type Prometheus expects for this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    public static String render(BrokerMetrics m) {
        StringBuilder out = new StringBuilder();
        // A gauge despite the _total name (the documented one): pending requests move on, and
        // an approved request becomes revoked, so these counts can fall.
        header(out, "latchkey_access_requests_total", "gauge", "Access requests by their current state (outcome).");
        for (Map.Entry<String, Long> e : m.requests().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            out.append("latchkey_access_requests_total{outcome=\"").append(e.getKey()).append("\"} ")
                    .append(e.getValue()).append('\n');
        }
        header(out, "latchkey_request_decision_seconds", "summary",
                "Time from an access request to a reviewer's decision (auto-approvals excluded).");
        BrokerMetrics.DecisionTimes t = m.decisionSeconds();
        out.append("latchkey_request_decision_seconds{quantile=\"0.5\"} ").append(number(t.p50())).append('\n');
        out.append("latchkey_request_decision_seconds{quantile=\"0.95\"} ").append(number(t.p95())).append('\n');
        out.append("latchkey_request_decision_seconds_sum ").append(number(OptionalDouble.of(t.sum()))).append('\n');
        out.append("latchkey_request_decision_seconds_count ").append(t.count()).append('\n');
        header(out, "latchkey_requests_decided_within_sla_ratio", "gauge",
                "Share of reviewer-decided and expired requests decided within the scope's review SLA.");
        out.append("latchkey_requests_decided_within_sla_ratio ").append(number(m.decidedWithinSla())).append('\n');
        header(out, "latchkey_active_grants", "gauge", "Grants in force now.");
        out.append("latchkey_active_grants ").append(m.activeGrants()).append('\n');
        header(out, "latchkey_sandbox_tokens_minted_total", "counter", "Sandbox tokens minted.");
        out.append("latchkey_sandbox_tokens_minted_total ").append(m.tokensMinted()).append('\n');
        header(out, "latchkey_introspections_total", "counter", "Token introspection calls (RFC 7662).");
        out.append("latchkey_introspections_total ").append(m.introspections()).append('\n');
        header(out, "latchkey_exposures_prevented_total", "counter",
                "Secrets the leak guard stopped before a commit or push, by scope.");
        m.exposuresPrevented().forEach((scope, n) -> out.append("latchkey_exposures_prevented_total{scope=\"")
                .append(scope).append("\"} ").append(n).append('\n'));
        header(out, "latchkey_exposures_total", "counter",
                "Secrets the leak guard found in commits that reached a remote (rotate them), by scope.");
        m.exposures().forEach((scope, n) -> out.append("latchkey_exposures_total{scope=\"")
                .append(scope).append("\"} ").append(n).append('\n'));
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Prometheus writes "no value" as NaN. */
    private static String number(OptionalDouble value) {
        if (value.isEmpty()) {
            return "NaN";
        }
        double v = value.getAsDouble();
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
