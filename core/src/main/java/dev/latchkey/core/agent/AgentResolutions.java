package dev.latchkey.core.agent;

import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.Resolution;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A launch's {@link Resolution} to and from its wire form, for both halves of the protocol. */
final class AgentResolutions {

    private AgentResolutions() {
    }

    static AgentMessages.ResolveAnswer toAnswer(Resolution resolution) {
        return switch (resolution) {
            case Resolution.Refused r -> new AgentMessages.ResolveAnswer("refused", null, null,
                    r.refused().stream().map(x -> new AgentMessages.RefusedOut(x.ref().toString(), x.why().name())).toList());
            case Resolution.Granted g -> {
                Map<String, AgentMessages.TokenOut> tokens = new LinkedHashMap<>();
                g.sandboxTokens().forEach((k, t) -> tokens.put(k, new AgentMessages.TokenOut(t.sandbox(), t.token(),
                        t.audience(), t.scope(), t.issuedAt().toString(), t.expiresAt().toString(), t.jti())));
                yield new AgentMessages.ResolveAnswer("granted", g.secrets().values().stream()
                        .map(s -> new AgentMessages.SecretOut(s.ref().toString(), s.value(),
                                s.accessEnds().map(Instant::toString).orElse(null), s.grantId().orElse(null)))
                        .toList(), tokens, null);
            }
        };
    }

    static Resolution fromAnswer(AgentMessages.ResolveAnswer answer) {
        if ("refused".equals(answer.outcome())) {
            return new Resolution.Refused(answer.refused().stream()
                    .map(r -> new RefusedRef(SecretRef.parse(r.ref()), RefusedRef.Why.valueOf(r.why()))).toList());
        }
        Map<SecretRef, ResolvedSecret> secrets = new LinkedHashMap<>();
        for (AgentMessages.SecretOut s : answer.secrets() == null ? List.<AgentMessages.SecretOut>of() : answer.secrets()) {
            SecretRef ref = SecretRef.parse(s.ref());
            secrets.put(ref, new ResolvedSecret(ref, s.value(), Optional.ofNullable(s.accessEnds()).map(Instant::parse),
                    Optional.ofNullable(s.grantId())));
        }
        Map<String, SandboxToken> tokens = new LinkedHashMap<>();
        if (answer.sandboxTokens() != null) {
            answer.sandboxTokens().forEach((k, t) -> tokens.put(k, new SandboxToken(t.sandbox(), t.token(), t.audience(),
                    t.scope(), Instant.parse(t.issuedAt()), Instant.parse(t.expiresAt()), t.jti())));
        }
        return new Resolution.Granted(secrets, tokens);
    }
}
