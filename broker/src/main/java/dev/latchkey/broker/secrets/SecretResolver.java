package dev.latchkey.broker.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.broker.access.AccessEvaluator;
import dev.latchkey.broker.access.AccessState;
import dev.latchkey.broker.audit.AuditEvent;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.identity.Caller;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.policy.ScopePolicy;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns secret references into values for one caller: each ref on its own, so refs the caller
 * may not read come back as refusals beside the values of those they may. Every ref is audited,
 * and the audit rows are written before any value leaves.
 */
public final class SecretResolver {

    private static final Pattern REF = Pattern.compile(
            "latchkey://([a-z0-9][a-z0-9._-]{0,62})/([a-z0-9][a-z0-9._-]{0,62})/([a-z0-9][a-z0-9._-]{0,62})(?:#([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretVault vault;
    private final AccessEvaluator access;
    private final AuditLog audit;

    public SecretResolver(SecretVault vault, AccessEvaluator access, AuditLog audit) {
        this.vault = vault;
        this.access = access;
        this.audit = audit;
    }

    /** What became of one reference. */
    public sealed interface Outcome {
        String ref();

        /**
         * The value, when the caller's access to it ends (empty for standing access) and the grant
         * whose end that is (empty for standing access).
         */
        record Resolved(String ref, String value, int version, Optional<Instant> accessEnds, Optional<String> grantId)
                implements Outcome {
            @Override
            public String toString() {
                return "Resolved[" + ref + ", <hidden>, v" + version + "]";
            }
        }

        /** Not readable now, and why. */
        record Refused(String ref, Reason reason, String message) implements Outcome {
        }
    }

    /** Why a reference was refused; {@link #code()} is the API's word for it. */
    public enum Reason {
        REQUEST_NEEDED("request_needed"),
        NO_ACCESS("no_access"),
        UNKNOWN("unknown"),
        INVALID_REF("invalid_ref");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * Resolves {@code refs} for {@code caller} under {@code policy}, in order. Access is decided
     * for each reference first; then the values of each scope are read together (one query, see
     * {@link SecretVault#current(ScopeId, java.util.Collection)}); then every reference is audited.
     */
    public List<Outcome> resolve(Caller caller, Policy policy, List<String> refs, String client) {
        Map<ScopeId, Optional<AccessState>> accessByScope = new HashMap<>();
        List<Object> decided = new ArrayList<>(refs.size());
        Map<ScopeId, Set<String>> names = new LinkedHashMap<>();
        for (String ref : refs) {
            Object d = decide(caller, policy, ref, accessByScope);
            if (d instanceof Read read) {
                names.computeIfAbsent(read.scope(), s -> new LinkedHashSet<>()).add(read.name());
            }
            decided.add(d);
        }
        Map<ScopeId, Map<String, SecretValue>> values = new HashMap<>();
        names.forEach((scope, inScope) -> values.put(scope, vault.current(scope, inScope)));
        List<Outcome> outcomes = new ArrayList<>(refs.size());
        for (Object d : decided) {
            outcomes.add(d instanceof Read read ? read.outcome(values.get(read.scope()).get(read.name())) : (Outcome) d);
        }
        List<AuditEvent> events = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            String outcome = switch (o) {
                case Outcome.Resolved r -> "ok";
                case Outcome.Refused r -> r.reason().code();
            };
            String detail = o instanceof Outcome.Resolved r ? "v" + r.version() : "";
            events.add(new AuditEvent(caller.subject(), client, "secret.resolve", clip(o.ref()), outcome, detail));
        }
        audit.appendAll(events);
        return outcomes;
    }

    /** A refusal ({@link Outcome.Refused}), or the {@link Read} the caller may make. */
    private Object decide(Caller caller, Policy policy, String ref, Map<ScopeId, Optional<AccessState>> cache) {
        Matcher m = ref == null ? null : REF.matcher(ref);
        if (m == null || !m.matches()) {
            return new Outcome.Refused(String.valueOf(ref), Reason.INVALID_REF,
                    "not a secret reference; write it as latchkey://team/env/name");
        }
        ScopeId scopeId = new ScopeId(m.group(1), m.group(2));
        String name = m.group(3);
        Optional<ScopePolicy> scope = policy.scope(scopeId);
        if (scope.isEmpty()) {
            return new Outcome.Refused(ref, Reason.UNKNOWN, "there is no scope " + scopeId);
        }
        Optional<AccessState> state = cache.computeIfAbsent(scopeId, id -> access.evaluate(caller, scope.get()));
        if (state.isEmpty()) {
            return new Outcome.Refused(ref, Reason.NO_ACCESS, "you have no access to " + scopeId);
        }
        return switch (state.get()) {
            case AccessState.None n -> new Outcome.Refused(ref, Reason.NO_ACCESS,
                    "you may see " + scopeId + " but neither read nor request it");
            case AccessState.Requestable r -> new Outcome.Refused(ref, Reason.REQUEST_NEEDED,
                    "reading " + scopeId + " needs an approved access request");
            case AccessState.Standing s -> new Read(ref, scopeId, name, m.group(4), Optional.empty());
            case AccessState.Granted g -> g.covers(name)
                    ? new Read(ref, scopeId, name, m.group(4), Optional.of(g.coverage(name, access.now())))
                    : new Outcome.Refused(ref, Reason.REQUEST_NEEDED, "your grant for " + scopeId
                            + " does not cover " + name + "; request access to it");
        };
    }

    /**
     * A reference the caller may read, waiting for its value.
     *
     * @param coverage how long a grant lets the caller read it; empty for standing access
     */
    private record Read(String ref, ScopeId scope, String name, String field, Optional<AccessState.Coverage> coverage) {

        /** The outcome once the scope's values are read; {@code value} is null when the secret has none. */
        Outcome outcome(SecretValue value) {
            if (value == null) {
                return new Outcome.Refused(ref, Reason.UNKNOWN, scope + " has no secret named " + name);
            }
            String text = value.value();
            if (field != null) {
                Optional<String> fieldValue = SecretResolver.field(text, field);
                if (fieldValue.isEmpty()) {
                    return new Outcome.Refused(ref, Reason.UNKNOWN, scope + "/" + name + " has no field " + field);
                }
                text = fieldValue.get();
            }
            return new Outcome.Resolved(ref, text, value.version(), coverage.map(AccessState.Coverage::until),
                    coverage.flatMap(AccessState.Coverage::grantId));
        }
    }

    /** A field of a value that is a JSON object; fields let one secret hold, say, a user and a password. */
    private static Optional<String> field(String value, String field) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && node.isObject() && node.has(field) && node.get(field).isValueNode()) {
                return Optional.of(node.get(field).asText());
            }
        } catch (IOException e) {
            // Not JSON: the value has no fields.
        }
        return Optional.empty();
    }

    private static String clip(String ref) {
        return ref.length() > 300 ? ref.substring(0, 300) : ref;
    }
}
