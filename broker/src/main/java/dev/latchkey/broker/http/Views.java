package dev.latchkey.broker.http;

import java.time.Instant;
import java.util.List;

/** The JSON bodies of the API, one record each; docs/broker-api.yaml describes the same shapes. */
final class Views {

    private Views() {
    }

    record WellKnown(String issuer, String clientId, String scopes, String brokerVersion) {
    }

    record Me(String subject, String name, List<String> groups, boolean admin, List<RequestViews.GrantView> grants) {
    }

    record ScopeView(String scope, String description, String access, Instant grantedUntil, Long maxDurationSeconds,
            Long autoApproveUpToSeconds, Boolean confirm) {
    }

    record ScopeList(List<ScopeView> scopes) {
    }

    record SecretMeta(String name, String description, int version, Instant updatedAt, Instant rotationDue) {
    }

    record SecretList(String scope, String access, List<SecretMeta> secrets) {
    }

    record ResolvedView(String ref, String value, int version, Instant accessEndsAt, String grantId) {
        @Override
        public String toString() {
            return "ResolvedView[" + ref + ", <hidden>]";
        }
    }

    record RefusedView(String ref, String reason, String message) {
    }

    record ResolveResponse(List<ResolvedView> resolved, List<RefusedView> refused) {
    }

    record PutSecretResponse(String scope, String name, int version, Instant updatedAt) {
    }

    record PolicyReloaded(String source, int scopes) {
    }

    record AuditRow(long seq, Instant at, String actor, String client, String action, String target, String outcome,
            String detail, String prevHash, String hash) {
    }

    record AuditPage(List<AuditRow> entries, long next) {
    }
}
