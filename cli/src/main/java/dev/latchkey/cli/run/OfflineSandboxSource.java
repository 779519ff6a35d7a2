package dev.latchkey.cli.run;

import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.SandboxRequest;
import dev.latchkey.grammar.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The broker first; when it cannot be reached, sandbox tokens minted earlier and still valid.
 *
 * <p>Every token the broker mints is kept in the keychain until it expires. A launch made while
 * the broker is unreachable starts with the kept tokens only if it needs nothing else: secret
 * values are never kept on this machine, so a launch with references still needs the broker.
 * It says on stderr that it is offline, which tokens it uses and how old they are.
 */
final class OfflineSandboxSource implements SecretSource {

    private final SecretSource broker;
    private final SandboxTokenCache cache;
    private final Clock clock;
    private final Consumer<String> notices;

    OfflineSandboxSource(SecretSource broker, SandboxTokenCache cache, Clock clock, Consumer<String> notices) {
        this.broker = broker;
        this.cache = cache;
        this.clock = clock;
        this.notices = notices;
    }

    @Override
    public Resolution resolve(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes) throws BrokerException {
        Resolution answer;
        try {
            answer = broker.resolve(refs, sandboxes);
        } catch (BrokerUnreachableException offline) {
            return fromCache(refs, sandboxes, offline);
        }
        if (answer instanceof Resolution.Granted granted) {
            for (SandboxToken t : granted.sandboxTokens().values()) {
                try {
                    cache.keep(t);
                } catch (AuthException keychain) {
                    notices.accept("latchkey: could not keep sandbox token " + t.sandbox()
                            + " for offline use (" + keychain.getMessage() + ")");
                }
            }
        }
        return answer;
    }

    private Resolution fromCache(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes,
                                 BrokerUnreachableException offline) throws BrokerException {
        if (sandboxes.isEmpty()) {
            throw offline;
        }
        if (!refs.isEmpty()) {
            throw new BrokerUnreachableException(offline.getMessage() + "; secret values are never kept on this machine,"
                    + " so a launch with references needs the broker (only sandbox tokens are kept)", offline);
        }
        Instant now = clock.instant();
        Map<String, SandboxToken> tokens = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (Map.Entry<String, SandboxRequest> e : sandboxes.entrySet()) {
            String sandbox = e.getValue().sandbox();
            try {
                var kept = cache.valid(sandbox, now);
                if (kept.isPresent()) {
                    SandboxToken t = kept.get();
                    tokens.put(e.getKey(), forTtl(t, e.getValue().ttl(), now));
                    used.add(e.getKey() + " (" + sandbox + ", minted " + Durations.format(Duration.between(t.issuedAt(), now))
                            + " ago, valid " + Durations.format(Duration.between(now, t.expiresAt())) + " more"
                            + ttlNote(t, e.getValue().ttl(), now) + ")");
                } else {
                    missing.add(sandbox);
                }
            } catch (AuthException keychain) {
                missing.add(sandbox);
            }
        }
        if (!missing.isEmpty()) {
            throw new BrokerUnreachableException(offline.getMessage() + "; no valid sandbox token is kept on this machine for "
                    + String.join(", ", missing), offline);
        }
        notices.accept("latchkey: the broker is unreachable (" + offline.getMessage() + "); OFFLINE: using sandbox tokens kept in the keychain: "
                + String.join(", ", used));
        return new Resolution.Granted(Map.of(), tokens);
    }

    /**
     * The kept token as the launch should treat it: a token that lives longer than the lifetime
     * asked for cannot be shortened (the broker signed its expiry), so the launch counts it as
     * ending when the asked lifetime does, and its on-expiry rule (warn, stop, renew) acts then.
     */
    static SandboxToken forTtl(SandboxToken t, Duration ttl, Instant now) {
        Instant asked = now.plus(ttl);
        return asked.isBefore(t.expiresAt())
                ? new SandboxToken(t.sandbox(), t.token(), t.audience(), t.scope(), t.issuedAt(), asked, t.jti())
                : t;
    }

    /** What differs from the lifetime asked for, in words; empty when the kept token fits it. */
    static String ttlNote(SandboxToken t, Duration ttl, Instant now) {
        Duration left = Duration.between(now, t.expiresAt());
        Duration slack = Duration.ofSeconds(1);
        if (left.compareTo(ttl.plus(slack)) > 0) {
            return "; you asked for " + Durations.format(ttl) + ": a kept token cannot be shortened, so it stays valid"
                    + " at the sandbox for " + Durations.format(left) + ", and this launch treats it as ending in "
                    + Durations.format(ttl);
        }
        if (left.plus(slack).compareTo(ttl) < 0) {
            return "; less than the " + Durations.format(ttl) + " asked for: the broker, which could mint a new one,"
                    + " is unreachable";
        }
        return "";
    }
}
