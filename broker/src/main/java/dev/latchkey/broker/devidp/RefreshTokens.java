package dev.latchkey.broker.devidp;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Refresh tokens with rotation and reuse detection.
 *
 * <p>Every sign-in starts a family. Each use of a refresh token retires it and issues its
 * successor in the same family. Presenting a retired token means two parties hold the family
 * (one of them a thief, as far as the IdP can tell), so the whole family is revoked and the
 * person has to sign in again — the OAuth 2.0 Security BCP's rule for public clients.
 */
final class RefreshTokens {

    private final DevIdpSettings settings;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Entry> byHash = new HashMap<>();

    RefreshTokens(DevIdpSettings settings, Clock clock, SecureRandom random) {
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    /** Who a refresh token speaks for. */
    record Grant(DemoUser user, String clientId, String scope) {
    }

    /** The outcome of presenting a refresh token. */
    sealed interface Use {
        record Rotated(Grant grant, String successor) implements Use {
            @Override
            public String toString() {
                return "Rotated[" + grant + ", successor=<hidden>]";
            }
        }

        /** Unknown, expired, revoked, issued to another client, or reused (the family is now revoked). */
        record Refused(String reason) implements Use {
        }
    }

    /** A fresh family for a new sign-in. */
    synchronized String issue(Grant grant) {
        return add(grant, OpaqueToken.random(random));
    }

    synchronized Use rotate(String token, String clientId) {
        Instant now = clock.instant();
        forgetExpired(now);
        Entry entry = byHash.get(OpaqueToken.hash(token));
        if (entry == null || !now.isBefore(entry.expiresAt)) {
            return new Use.Refused("The refresh token is unknown, expired or revoked; sign in again.");
        }
        if (!entry.grant.clientId().equals(clientId)) {
            return new Use.Refused("The refresh token was issued to another client.");
        }
        if (entry.retired) {
            revokeFamily(entry.family);
            return new Use.Refused("The refresh token was already used; as a precaution its whole sign-in "
                    + "was revoked. Sign in again.");
        }
        entry.retired = true;
        String successor = add(entry.grant, entry.family);
        return new Use.Rotated(entry.grant, successor);
    }

    /**
     * RFC 7009: revokes the token's whole family. Returns false when the token is not a refresh
     * token this IdP knows (revocation still succeeds for the caller then).
     */
    synchronized boolean revoke(String token, String clientId) {
        Entry entry = byHash.get(OpaqueToken.hash(token));
        if (entry == null || !entry.grant.clientId().equals(clientId)) {
            return false;
        }
        revokeFamily(entry.family);
        return true;
    }

    private String add(Grant grant, String family) {
        String token = OpaqueToken.random(random);
        byHash.put(OpaqueToken.hash(token),
                new Entry(grant, family, clock.instant().plus(settings.refreshTokenTtl())));
        return token;
    }

    private void revokeFamily(String family) {
        byHash.values().removeIf(e -> e.family.equals(family));
    }

    private void forgetExpired(Instant now) {
        // Retired tokens stay until they expire: that is how reuse is recognised.
        byHash.values().removeIf(e -> !now.isBefore(e.expiresAt));
    }

    private static final class Entry {
        final Grant grant;
        final String family;
        final Instant expiresAt;
        boolean retired;

        Entry(Grant grant, String family, Instant expiresAt) {
            this.grant = grant;
            this.family = family;
            this.expiresAt = expiresAt;
        }
    }
}
