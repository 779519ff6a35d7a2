package dev.latchkey.broker.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A sandbox environment whose services accept short-lived tokens the broker signs. Whoever may
 * read {@code scope} now (standing access or a grant) may mint a token for it.
 *
 * @param name the sandbox's name, as clients ask for it
 * @param scope the scope whose read access allows minting
 * @param audience the token's {@code aud}
 * @param maxTtl the longest a token may live
 * @param claims extra claims every token carries (never one of {@link #RESERVED_CLAIMS}): text, whole
 *     numbers, decimals or booleans, as the policy file writes them
 */
public record SandboxPolicy(String name, ScopeId scope, String audience, Duration maxTtl, Map<String, Object> claims) {

    /**
     * The claims the broker sets on every sandbox token itself, and the members its introspection
     * answer adds beside them ({@code scope}, {@code username}, RFC 7662): a policy's extra claims may
     * name none of them. The policy file is checked against this set and tokens are minted from it,
     * so the two cannot disagree.
     */
    public static final Set<String> RESERVED_CLAIMS = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti",
            "sandbox", "latchkey_scope", "preferred_username", "scope", "username");

    /**
     * @throws IllegalArgumentException when {@code claims} names a reserved claim
     */
    public SandboxPolicy {
        for (String claim : claims.keySet()) {
            if (RESERVED_CLAIMS.contains(claim)) {
                throw new IllegalArgumentException("sandbox " + name + ": the broker sets the claim '" + claim
                        + "' itself");
            }
        }
        claims = Collections.unmodifiableMap(new TreeMap<>(claims));
    }
}
