package dev.latchkey.core.launch;

import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.BrokerProtocolException;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a launch through the broker: every reference in ONE {@code secrets:resolve} call;
 * sandbox tokens are minted only when every reference was granted, so a refused launch mints nothing.
 */
public final class BrokerSecretSource implements SecretSource {

    private final BrokerClient broker;

    /** Values and sandbox tokens from {@code broker}. */
    public BrokerSecretSource(BrokerClient broker) {
        this.broker = broker;
    }

    @Override
    public Resolution resolve(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes) throws BrokerException {
        Map<SecretRef, ResolvedSecret> secrets = new LinkedHashMap<>();
        if (!refs.isEmpty()) {
            BrokerClient.Resolved answer = broker.resolve(refs);
            if (!answer.refused().isEmpty()) {
                return new Resolution.Refused(answer.refused());
            }
            answer.secrets().forEach(s -> secrets.put(s.ref(), s));
            for (SecretRef r : refs) {
                if (!secrets.containsKey(r)) {
                    throw new BrokerProtocolException(
                            "the broker neither resolved nor refused " + r, null);
                }
            }
        }
        Map<String, SandboxToken> tokens = new LinkedHashMap<>();
        for (Map.Entry<String, SandboxRequest> e : sandboxes.entrySet()) {
            tokens.put(e.getKey(), broker.mintSandboxToken(e.getValue().sandbox(), e.getValue().ttl()));
        }
        return new Resolution.Granted(secrets, tokens);
    }
}
