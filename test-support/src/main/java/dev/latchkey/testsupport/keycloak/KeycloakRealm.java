package dev.latchkey.testsupport.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The realm the tests import: the operators' realm file from docs/keycloak (unchanged), plus what
 * only tests need (test users and groups, a client whose device codes expire at once, events, a
 * 1 s polling interval). Arrays in the additions are appended; other fields replace the
 * operators' value; fields starting with {@code _} are comments.
 */
public final class KeycloakRealm {

    /** The operators' realm, as docs/deploy.md tells them to import it (beside this class). */
    public static final String OPERATORS_REALM = "latchkey-realm.json";
    /** What the tests add to it (beside this class). */
    public static final String TEST_ADDITIONS = "test-realm-additions.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakRealm() {
    }

    /** The operators' realm file as shipped in docs/keycloak. */
    public static ObjectNode operators() {
        return read(OPERATORS_REALM);
    }

    /** The realm the test Keycloak runs. */
    public static ObjectNode forTests() {
        return merge(operators(), read(TEST_ADDITIONS));
    }

    static ObjectNode merge(ObjectNode base, ObjectNode additions) {
        ObjectNode out = base.deepCopy();
        additions.properties().forEach(e -> {
            if (e.getKey().startsWith("_")) {
                return;
            }
            JsonNode existing = out.get(e.getKey());
            if (existing instanceof ArrayNode list && e.getValue() instanceof ArrayNode more) {
                list.addAll(more);
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return out;
    }

    private static ObjectNode read(String resource) {
        try (InputStream in = KeycloakRealm.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path (test-support's build copies "
                        + "docs/keycloak/latchkey-realm.json there)");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
