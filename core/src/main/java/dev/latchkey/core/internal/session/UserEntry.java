package dev.latchkey.core.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.auth.User;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of an account's {@code <subject>/user} keychain entry: the ID token's claims that say
 * who signed in. Its own class so that the vault reads as the layout of entries, not their encoding.
 */
final class UserEntry {

    private UserEntry() {
    }

    static String encode(User user) throws IOException {
        ObjectNode n = SessionJson.MAPPER.createObjectNode()
                .put("subject", user.subject()).put("name", user.name()).put("email", user.email());
        user.groups().forEach(n.putArray("groups")::add);
        return SessionJson.MAPPER.writeValueAsString(n);
    }

    static User decode(String json) throws IOException {
        JsonNode n = SessionJson.MAPPER.readTree(json);
        List<String> groups = new ArrayList<>();
        n.path("groups").forEach(g -> groups.add(g.asText()));
        return new User(n.path("subject").asText(), n.path("name").asText(), n.path("email").asText(""), groups);
    }
}
