package dev.latchkey.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.Session;
import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.brokerapi.SandboxToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Minted sandbox tokens kept in the keychain beside the session, each until its own expiry
 * (core's {@code SessionVault} drops it then), so a launch can still start while the broker is
 * unreachable. Only sandbox tokens are kept: they are short-lived and bounded by the caller's
 * access. Secret values are never kept (no policy marks any as cacheable yet).
 *
 * <p>Entries are named {@code sandbox:<name>}; the token sits only inside the keychain entry.
 */
final class SandboxTokenCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Session session;
    private final User user;

    private SandboxTokenCache(Session session, User user) {
        this.session = session;
        this.user = user;
    }

    /** The cache of the signed-in user of {@code session}; empty when nobody is signed in there. */
    static Optional<SandboxTokenCache> of(Session session) {
        try {
            return session.currentUser().map(u -> new SandboxTokenCache(session, u));
        } catch (AuthException unreadable) {
            return Optional.empty();
        }
    }

    /** Keeps {@code token} until it expires. */
    void keep(SandboxToken token) throws AuthException {
        ObjectNode entry = JSON.createObjectNode()
                .put("token", token.token())
                .put("audience", token.audience())
                .put("scope", token.scope())
                .put("issuedAt", token.issuedAt().toString())
                .put("expiresAt", token.expiresAt().toString())
                .put("jti", token.jti());
        session.vault().putShortLived(user, key(token.sandbox()), entry.toString(), token.expiresAt());
    }

    /** A kept token of {@code sandbox} that is still valid at {@code now}. */
    Optional<SandboxToken> valid(String sandbox, Instant now) throws AuthException {
        Optional<String> stored = session.vault().shortLived(user, key(sandbox));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(stored.get());
            SandboxToken t = new SandboxToken(sandbox, n.path("token").asText(), n.path("audience").asText(""),
                    n.path("scope").asText(""), Instant.parse(n.path("issuedAt").asText()),
                    Instant.parse(n.path("expiresAt").asText()), n.path("jti").asText(""));
            return t.token().isEmpty() || !t.expiresAt().isAfter(now) ? Optional.empty() : Optional.of(t);
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty(); // an unreadable entry is as good as none; the next mint replaces it
        }
    }

    private static String key(String sandbox) {
        return "sandbox:" + sandbox;
    }
}
