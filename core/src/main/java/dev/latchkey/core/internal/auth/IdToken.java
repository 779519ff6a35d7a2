package dev.latchkey.core.internal.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.core.auth.User;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import dev.latchkey.core.auth.IdpProtocolException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the claims of an ID token received straight from the token endpoint.
 *
 * <p>The signature is not checked here: OpenID Connect Core 3.1.3.7 lets a client that got the
 * ID token directly from the token endpoint over TLS rely on TLS instead. The broker checks the
 * access token's signature on every call, which is what grants anything. Issuer and audience are
 * still compared, so a token meant for another client or IdP is refused.
 */
final class IdToken {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IdToken() {
    }

    static User read(String idToken, IdpEndpoints idp) throws IdpProtocolException {
        String[] parts = idToken.split("\\.", -1);
        if (parts.length != 3) {
            throw bad(idp, "is not a JWT");
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IllegalArgumentException | IOException e) {
            throw bad(idp, "has claims Latchkey cannot read");
        }
        if (claims == null || !claims.isObject()) {
            throw bad(idp, "has claims that are not a JSON object");
        }
        String iss = claims.path("iss").asText("");
        if (!Discovery.trimSlash(iss).equals(Discovery.trimSlash(idp.issuer().toString()))) {
            throw bad(idp, "names another issuer");
        }
        JsonNode aud = claims.path("aud");
        boolean forUs = aud.isTextual() ? aud.asText().equals(idp.clientId()) : contains(aud, idp.clientId());
        if (!forUs) {
            throw bad(idp, "was issued to another client than " + idp.clientId());
        }
        String subject = claims.path("sub").asText("");
        if (subject.isBlank()) {
            throw bad(idp, "names no subject");
        }
        String name = firstText(claims, "name", "preferred_username").orElse(subject);
        String email = claims.path("email").isTextual() ? claims.path("email").asText() : "";
        List<String> groups = new ArrayList<>();
        for (JsonNode g : claims.path("groups")) {
            if (g.isTextual()) {
                // Keycloak's group mapper writes full paths ("/payments"); the broker's policy speaks names.
                String text = g.asText();
                groups.add(text.startsWith("/") ? text.substring(1) : text);
            }
        }
        return new User(subject, name, email, groups);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> firstText(JsonNode claims, String... fields) {
        for (String f : fields) {
            if (claims.path(f).isTextual() && !claims.path(f).asText().isBlank()) {
                return Optional.of(claims.path(f).asText());
            }
        }
        return Optional.empty();
    }

    private static IdpProtocolException bad(IdpEndpoints idp, String what) {
        URI token = idp.token();
        return new IdpProtocolException("the ID token from " + token + " " + what + "; check the client "
                + "settings at the IdP (client " + idp.clientId() + ")");
    }
}
