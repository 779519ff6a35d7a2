package dev.latchkey.broker.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sandbox environment whose services accept short-lived tokens the broker signs. Whoever may
 * read {@code scope} now (standing access or a grant) may mint a token for it.
 *
 * @param name the sandbox's name, as clients ask for it
 * @param scope the scope whose read access allows minting
 * @param audience the token's {@code aud}
 * @param maxTtl the longest a token may live
 * @param claims extra claims every token carries (never a registered JWT claim): text, whole numbers,
 *     decimals or booleans, as the policy file writes them
 */
public record SandboxPolicy(String name, ScopeId scope, String audience, Duration maxTtl, Map<String, Object> claims) {

    public SandboxPolicy {
        claims = Collections.unmodifiableMap(new TreeMap<>(claims));
    }
}
