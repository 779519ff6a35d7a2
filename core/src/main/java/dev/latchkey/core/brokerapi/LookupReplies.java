package dev.latchkey.core.brokerapi;

import dev.latchkey.core.brokerapi.Replies.GrantReply;
import dev.latchkey.core.internal.json.JsonFields;
import dev.latchkey.core.internal.json.MalformedJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The broker's answers about itself, the caller, scopes and secrets, as {@link Replies} reads them;
 * fields the contract makes optional are null here and get their defaults in {@link BrokerClient}.
 * The answers of the daily commands ({@code run}'s values, {@code status}'s identity and scopes) are
 * read field by field from a {@link JsonFields} ({@code from}), the others bound by Jackson.
 */
final class LookupReplies {

    private LookupReplies() {
    }

    /** {@code GET /.well-known/latchkey}. */
    record InfoReply(String issuer, String clientId, String scopes, String brokerVersion) {
        InfoReply {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(clientId, "clientId");
        }

        BrokerInfo toInfo() {
            return new BrokerInfo(issuer, clientId, Replies.or(scopes, ""), Replies.or(brokerVersion, "unknown"));
        }
    }

    /** {@code GET /v1/me}. */
    record MeReply(String subject, String name, List<String> groups, List<GrantReply> grants) {
        MeReply {
            Objects.requireNonNull(subject, "subject");
        }

        static MeReply from(JsonFields o) throws MalformedJson {
            List<JsonFields> grants = o.optionalObjects("grants");
            List<GrantReply> read = null;
            if (grants != null) {
                read = new ArrayList<>();
                for (JsonFields g : grants) {
                    read.add(GrantReply.from(g));
                }
            }
            return new MeReply(o.text("subject"), o.optionalText("name"), o.optionalTexts("groups"), read);
        }

        Me toMe() {
            return new Me(subject, Replies.or(name, subject), Replies.strings(groups),
                    grants == null ? List.of() : grants.stream().map(GrantReply::toGrant).toList());
        }
    }

    /** {@code GET /v1/scopes}. */
    record ScopesReply(List<ScopeReply> scopes) {
        ScopesReply {
            Objects.requireNonNull(scopes, "scopes");
        }

        static ScopesReply from(JsonFields o) throws MalformedJson {
            List<ScopeReply> out = new ArrayList<>();
            for (JsonFields s : o.objects("scopes")) {
                out.add(ScopeReply.from(s));
            }
            return new ScopesReply(out);
        }
    }

    /** One scope with the caller's access to it. */
    record ScopeReply(String scope, Scope.Access access, Instant grantedUntil, Long maxDurationSeconds, Boolean confirm) {
        ScopeReply {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(access, "access");
            Replies.duration(maxDurationSeconds, null, "maxDurationSeconds");
        }

        static ScopeReply from(JsonFields o) throws MalformedJson {
            Long max = o.optionalWholeNumber("maxDurationSeconds");
            if (max != null && max < 0) {
                throw o.doesNotFit("'maxDurationSeconds' is negative");
            }
            return new ScopeReply(o.text("scope"), o.word("access", Scope.Access.class), o.optionalInstant("grantedUntil"),
                    max, o.optionalBoolean("confirm"));
        }

        Scope toScope() {
            return new Scope(scope, access, Optional.ofNullable(grantedUntil),
                    Optional.ofNullable(Replies.duration(maxDurationSeconds, null, "maxDurationSeconds")),
                    Boolean.TRUE.equals(confirm));
        }
    }

    /** {@code GET /v1/scopes/{team}/{env}/secrets}. */
    record SecretsReply(List<SecretReply> secrets) {
        SecretsReply {
            Objects.requireNonNull(secrets, "secrets");
        }
    }

    /** One secret's metadata. */
    record SecretReply(String name, String description, Long version, Instant updatedAt, Instant rotationDue) {
        SecretReply {
            Objects.requireNonNull(name, "name");
        }

        SecretMeta toSecretMeta() {
            return new SecretMeta(name, Replies.or(description, ""), version == null ? 0 : version,
                    Optional.ofNullable(updatedAt), Optional.ofNullable(rotationDue));
        }
    }

    /** {@code POST /v1/secrets:resolve}: values for some refs, reasons for the rest. */
    record ResolveReply(List<ValueReply> resolved, List<RefusalReply> refused) {
        ResolveReply {
            resolved = resolved == null ? List.of() : resolved;
            refused = refused == null ? List.of() : refused;
        }

        static ResolveReply from(JsonFields o) throws MalformedJson {
            List<ValueReply> values = new ArrayList<>();
            List<JsonFields> resolved = o.optionalObjects("resolved");
            for (JsonFields v : resolved == null ? List.<JsonFields>of() : resolved) {
                values.add(new ValueReply(v.text("ref"), v.text("value"), v.optionalInstant("accessEndsAt"),
                        v.optionalText("grantId")));
            }
            List<RefusalReply> refusals = new ArrayList<>();
            List<JsonFields> refused = o.optionalObjects("refused");
            for (JsonFields r : refused == null ? List.<JsonFields>of() : refused) {
                refusals.add(new RefusalReply(r.text("ref"), r.text("reason")));
            }
            return new ResolveReply(values, refusals);
        }

        @Override
        public String toString() {
            return "ResolveReply[values=<hidden>]";
        }

        /** The client's view; a reference or refusal reason this client cannot read is the broker's fault. */
        BrokerClient.Resolved toResolved(Replies replies) throws BrokerProtocolException {
            List<ResolvedSecret> secrets = new ArrayList<>();
            for (ValueReply s : resolved) {
                secrets.add(new ResolvedSecret(ref(s.ref(), replies), s.value(), Optional.ofNullable(s.accessEndsAt()),
                        Optional.ofNullable(s.grantId())));
            }
            List<RefusedRef> refusals = new ArrayList<>();
            for (RefusalReply s : refused) {
                // The contract's four reasons; any other word is a broker this client does not understand,
                // never quietly "no access" (which would send the user to a scope's owners for a typo).
                RefusedRef.Why why = switch (s.reason()) {
                    case "request_needed" -> RefusedRef.Why.REQUEST_NEEDED;
                    case "no_access" -> RefusedRef.Why.NO_ACCESS;
                    case "unknown" -> RefusedRef.Why.UNKNOWN_SECRET;
                    case "invalid_ref" -> RefusedRef.Why.INVALID_REF;
                    default -> throw replies.bad("a refusal reason this client does not know");
                };
                refusals.add(new RefusedRef(ref(s.ref(), replies), why));
            }
            return new BrokerClient.Resolved(secrets, refusals);
        }

        private static SecretRef ref(String text, Replies replies) throws BrokerProtocolException {
            try {
                return SecretRef.parse(text);
            } catch (InvalidSecretRefException e) {
                throw replies.bad("a reference it cannot parse (" + e.getMessage() + ")");
            }
        }
    }

    /** A value the caller may read. */
    record ValueReply(String ref, String value, Instant accessEndsAt, String grantId) {
        ValueReply {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "ValueReply[" + ref + ", value=<hidden>]";
        }
    }

    /** A ref the caller may not read now, and the contract's word for why. */
    record RefusalReply(String ref, String reason) {
        RefusalReply {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** {@code POST /v1/exposures}: what the broker advises rotating. */
    record ExposuresReply(List<HintReply> rotate) {
        List<String> hints() {
            return rotate == null ? List.of() : rotate.stream().map(h -> Replies.or(h.message(), "")).toList();
        }
    }

    /** One rotation hint. */
    record HintReply(String message) {
    }
}
