package dev.latchkey.core.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One account's {@code <subject>/short-lived} keychain entry: short-lived credentials by name
 * (such as sandbox tokens), each with its expiry, in one JSON object. Kept apart from
 * {@link SessionVault} because these items come and go on their own clock, not with the tokens;
 * the vault still removes the entry with the rest of the session.
 */
final class ShortLivedItems {

    /** The entry's item name beside the account's tokens. */
    static final String ITEM = "short-lived";

    private final CredentialStore store;
    private final URI broker;
    private final Clock clock;

    ShortLivedItems(CredentialStore store, URI broker, Clock clock) {
        this.store = store;
        this.broker = broker;
        this.clock = clock;
    }

    /** Keeps {@code value} under {@code name} until {@code expiresAt}, rewriting the entry without expired items. */
    void put(String subject, String name, String value, Instant expiresAt) throws KeychainException {
        ObjectNode all = live(subject);
        all.putObject(name).put("value", value).put("expiresAt", expiresAt.getEpochSecond());
        try {
            store.write(key(subject), SessionJson.MAPPER.writeValueAsString(all));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode short-lived credentials", e);
        }
    }

    /** The item {@code name} when it has not expired yet. */
    Optional<String> get(String subject, String name) throws KeychainException {
        JsonNode entry = live(subject).path(name);
        return entry.path("value").isTextual() ? Optional.of(entry.path("value").asText()) : Optional.empty();
    }

    private ObjectNode live(String subject) throws KeychainException {
        ObjectNode all = SessionJson.MAPPER.createObjectNode();
        Optional<String> stored = store.read(key(subject));
        if (stored.isPresent()) {
            try {
                JsonNode node = SessionJson.MAPPER.readTree(stored.get());
                if (node instanceof ObjectNode o) {
                    all = o;
                }
            } catch (IOException e) {
                // An unreadable entry holds nothing usable; it is overwritten on the next put.
            }
        }
        long now = clock.instant().getEpochSecond();
        List<String> stale = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("expiresAt").asLong(0) <= now) {
                stale.add(e.getKey());
            }
        }
        all.remove(stale);
        return all;
    }

    private CredentialKey key(String subject) {
        return CredentialKey.of(broker, subject, ITEM);
    }
}
