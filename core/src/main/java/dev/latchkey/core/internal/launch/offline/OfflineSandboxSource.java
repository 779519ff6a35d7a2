package dev.latchkey.core.internal.launch.offline;

import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.IdpUnreachableException;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.internal.session.KeptSandboxTokens;
import dev.latchkey.core.launch.OfflineStart;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The broker first; when it cannot be reached (nor the IdP, to renew an expired access token),
 * sandbox tokens minted earlier and still valid.
 *
 * <p>Every token the broker mints is kept in the keychain until it expires. A launch made while
 * the broker is unreachable starts with the kept tokens only if it needs nothing else: secret
 * values are never kept on this machine, so a launch with references still needs the broker.
 * Such a start is marked {@link Resolution.Granted#offline()} with the tokens' names and ages.
 */
public final class OfflineSandboxSource implements SecretSource {

    /** The kept tokens of the account signed in now; empty when nobody is. */
    @FunctionalInterface
    public interface Account {
        Optional<KeptSandboxTokens> keptTokens() throws AuthException;
    }

    private final SecretSource broker;
    private final Account account;
    private final Clock clock;
    private final Consumer<String> notices;

    /** @param notices told, in words without any token, when a minted token could not be kept */
    public OfflineSandboxSource(SecretSource broker, Account account, Clock clock, Consumer<String> notices) {
        this.broker = broker;
        this.account = account;
        this.clock = clock;
        this.notices = notices;
    }

    @Override
    public Resolution resolve(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes) throws BrokerException {
        Resolution answer;
        try {
            answer = broker.resolve(refs, sandboxes);
        } catch (BrokerUnreachableException offline) {
            return fromKept(refs, sandboxes, offline);
        } catch (NotSignedInException e) {
            // Offline for longer than an access token lives: its renewal cannot reach the IdP either.
            if (!(e.getCause() instanceof IdpUnreachableException)) {
                throw e;
            }
            return fromKept(refs, sandboxes, e);
        }
        if (answer instanceof Resolution.Granted granted && !granted.sandboxTokens().isEmpty()) {
            keep(granted.sandboxTokens().values());
        }
        return answer;
    }

    private void keep(Iterable<SandboxToken> minted) {
        Optional<KeptSandboxTokens> kept;
        try {
            kept = account.keptTokens();
        } catch (AuthException keychain) {
            notices.accept("latchkey: could not keep sandbox tokens for offline use (" + keychain.getMessage() + ")");
            return;
        }
        if (kept.isEmpty()) {
            return; // nobody signed in with a session here (a token from the environment): nowhere to keep them
        }
        for (SandboxToken t : minted) {
            try {
                kept.get().keep(t);
            } catch (AuthException keychain) {
                notices.accept("latchkey: could not keep sandbox token " + t.sandbox()
                        + " for offline use (" + keychain.getMessage() + ")");
            }
        }
    }

    private Resolution fromKept(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes,
                                BrokerException offline) throws BrokerException {
        if (sandboxes.isEmpty()) {
            throw offline;
        }
        if (!refs.isEmpty()) {
            throw new BrokerUnreachableException(offline.getMessage() + "; secret values are never kept on this machine,"
                    + " so a launch with references needs the broker (only sandbox tokens are kept)", offline);
        }
        Optional<KeptSandboxTokens> kept;
        try {
            kept = account.keptTokens();
        } catch (AuthException keychain) {
            kept = Optional.empty();
        }
        if (kept.isEmpty()) {
            throw offline;
        }
        Instant now = clock.instant();
        Map<String, SandboxToken> tokens = new LinkedHashMap<>();
        List<OfflineStart.KeptToken> used = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, SandboxRequest> e : sandboxes.entrySet()) {
            String sandbox = e.getValue().sandbox();
            Optional<SandboxToken> valid;
            try {
                valid = kept.get().valid(sandbox, now);
            } catch (AuthException keychain) {
                valid = Optional.empty();
            }
            if (valid.isEmpty()) {
                missing.add(sandbox);
                continue;
            }
            SandboxToken t = valid.get();
            OfflineStart.KeptToken k = new OfflineStart.KeptToken(e.getKey(), sandbox, t.issuedAt(), t.expiresAt(),
                    e.getValue().ttl());
            tokens.put(e.getKey(), forLaunch(t, k.endsFor(now)));
            used.add(k);
        }
        if (!missing.isEmpty()) {
            throw new BrokerUnreachableException(offline.getMessage() + "; no valid sandbox token is kept on this machine for "
                    + String.join(", ", missing), offline);
        }
        return new Resolution.Granted(Map.of(), tokens, Optional.of(new OfflineStart(offline.getMessage(), now, used)));
    }

    /**
     * The kept token as the launch should treat it: a token that lives longer than the lifetime
     * asked for cannot be shortened (the broker signed its expiry), so the launch counts it as
     * ending when the asked lifetime does, and its on-expiry rule (warn, stop, renew) acts then.
     */
    private static SandboxToken forLaunch(SandboxToken t, Instant ends) {
        return ends.isBefore(t.expiresAt())
                ? new SandboxToken(t.sandbox(), t.token(), t.audience(), t.scope(), t.issuedAt(), ends, t.jti())
                : t;
    }
}
