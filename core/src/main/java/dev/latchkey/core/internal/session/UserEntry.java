package dev.latchkey.core.internal.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.internal.json.JsonFields;
import dev.latchkey.core.internal.json.MalformedJson;
import dev.latchkey.core.internal.json.StrictJson;
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

    /**
     * Reads an entry with {@link StrictJson}, not Jackson (every signed-in command reads it, and
     * Jackson's first mapper costs such a command more than the read): a missing field is empty, a
     * field of the wrong type makes the entry unreadable.
     */
    static User decode(String json) throws IOException {
        try {
            JsonFields n = JsonFields.parse(json);
            List<String> groups = n.optionalTexts("groups");
            return new User(orEmpty(n.optionalText("subject")), orEmpty(n.optionalText("name")),
                    orEmpty(n.optionalText("email")), groups == null ? new ArrayList<>() : groups);
        } catch (MalformedJson e) {
            // The message says where and what, never a piece of the entry.
            throw new IOException("the user entry " + (e.field().isEmpty() ? "" : "where ") + e.getMessage());
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
