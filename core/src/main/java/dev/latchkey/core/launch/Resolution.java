package dev.latchkey.core.launch;

import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.brokerapi.SecretRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The answer to "give me everything this launch needs": all of it, or the list of what was refused. */
public sealed interface Resolution {

    /**
     * Every reference resolved and every sandbox token minted (sandbox tokens by variable).
     *
     * @param offline present when the broker could not be reached and the launch was given sandbox
     *     tokens kept in the keychain instead: say so to the person launching
     */
    record Granted(Map<SecretRef, ResolvedSecret> secrets, Map<String, SandboxToken> sandboxTokens,
                   Optional<OfflineStart> offline) implements Resolution {
        public Granted {
            secrets = Map.copyOf(secrets);
            sandboxTokens = Map.copyOf(sandboxTokens);
            Objects.requireNonNull(offline, "offline");
        }

        /** Granted by the broker. */
        public Granted(Map<SecretRef, ResolvedSecret> secrets, Map<String, SandboxToken> sandboxTokens) {
            this(secrets, sandboxTokens, Optional.empty());
        }
    }

    /** At least one reference may not be read; nothing is started. */
    record Refused(List<RefusedRef> refused) implements Resolution {
        public Refused {
            refused = List.copyOf(refused);
        }
    }
}
