package dev.latchkey.core.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.auth.SessionStorageException;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.brokerapi.SandboxToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Minted sandbox tokens kept in the keychain beside one account's session, each until its own
 * expiry ({@link SessionVault} drops it then), so a launch can still start while the broker is
 * unreachable. Only sandbox tokens are kept: they are short-lived and bounded by the caller's
 * access. Secret values are never kept (no policy marks any as cacheable yet).
 *
 * <p>Entries are named {@code sandbox:<name>}; the token sits only inside the keychain entry,
 * which signing out removes with the rest of the session.
 */
public final class KeptSandboxTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SessionVault vault;
    private final User user;

    /** The tokens kept for {@code user}'s session in {@code vault}. */
    public KeptSandboxTokens(SessionVault vault, User user) {
        this.vault = vault;
        this.user = user;
    }

    /** Keeps {@code token} until it expires, replacing an earlier one of the same sandbox. */
    public void keep(SandboxToken token) throws SessionStorageException {
        ObjectNode entry = JSON.createObjectNode()
                .put("token", token.token())
                .put("audience", token.audience())
                .put("scope", token.scope())
                .put("issuedAt", token.issuedAt().toString())
                .put("expiresAt", token.expiresAt().toString())
                .put("jti", token.jti());
        vault.putShortLived(user, key(token.sandbox()), entry.toString(), token.expiresAt());
    }

    /** A kept token of {@code sandbox} that is still valid at {@code now}. */
    public Optional<SandboxToken> valid(String sandbox, Instant now) throws SessionStorageException {
        Optional<String> stored = vault.shortLived(user, key(sandbox));
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
