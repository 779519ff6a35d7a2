package dev.latchkey.testsupport.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Keycloak's admin API, for what a test must see or arrange at the IdP itself: the refreshes it
 * served, the sessions it holds, a client's token lifetime. The test's own view of the IdP, never
 * a path Latchkey takes.
 */
public final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
    private final KeycloakServer keycloak;

    public KeycloakAdmin(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /** Successful refresh-token grants the realm has recorded. */
    public int refreshes() throws IOException {
        return get("/events?type=REFRESH_TOKEN&max=10000").size();
    }

    /** Successful refresh-token grants the realm has recorded for {@code username}. */
    public int refreshes(String username) throws IOException {
        return get("/events?type=REFRESH_TOKEN&max=10000&user=" + userId(username)).size();
    }

    /** Sets how long the access tokens of {@code clientId} live (the client's own override of the realm's). */
    public void setAccessTokenLifespan(String clientId, Duration lifespan) throws IOException {
        String id = clientUuid(clientId);
        ObjectNode client = (ObjectNode) get("/clients/" + id);
        client.withObjectProperty("attributes").put("access.token.lifespan", Long.toString(lifespan.toSeconds()));
        send(new Request.Builder().url(url("/clients/" + id)).put(RequestBody.create(client.toString(), JSON_TYPE)));
    }

    /** The user's ordinary (SSO) sessions: ended by logout, idle time or the session's maximum. */
    public List<JsonNode> sessions(String username) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        get("/users/" + userId(username) + "/sessions").forEach(out::add);
        return out;
    }

    /** The user's offline sessions with {@code clientId}: what an {@code offline_access} sign-in holds. */
    public List<JsonNode> offlineSessions(String username, String clientId) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        get("/users/" + userId(username) + "/offline-sessions/" + clientUuid(clientId)).forEach(out::add);
        return out;
    }

    /**
     * Ends the user's ordinary sessions one by one, as their idle timeout would; offline sessions
     * stay. Returns how many it ended.
     */
    public int endSessions(String username) throws IOException {
        List<JsonNode> sessions = sessions(username);
        for (JsonNode s : sessions) {
            send(new Request.Builder().url(url("/sessions/" + s.path("id").asText())).delete());
        }
        return sessions.size();
    }

    private String userId(String username) throws IOException {
        JsonNode users = get("/users?exact=true&username=" + username);
        if (users.size() != 1) {
            throw new AssertionError("Keycloak has " + users.size() + " users called " + username);
        }
        return users.get(0).path("id").asText();
    }

    private String clientUuid(String clientId) throws IOException {
        JsonNode clients = get("/clients?clientId=" + clientId);
        if (clients.size() != 1) {
            throw new AssertionError("Keycloak has " + clients.size() + " clients called " + clientId);
        }
        return clients.get(0).path("id").asText();
    }

    private JsonNode get(String path) throws IOException {
        return JSON.readTree(send(new Request.Builder().url(url(path)).get()));
    }

    private String url(String path) {
        return keycloak.base() + "/admin/realms/" + KeycloakServer.REALM + path;
    }

    private String send(Request.Builder request) throws IOException {
        try (Response r = http.newCall(request.header("Authorization", "Bearer " + adminToken()).build()).execute()) {
            String body = r.body().string();
            if (r.code() / 100 != 2) {
                throw new AssertionError("Keycloak's admin API answered " + r.code() + " to " + r.request().method()
                        + " " + r.request().url().encodedPath() + ": " + body);
            }
            return body.isEmpty() ? "null" : body;
        }
    }

    private String adminToken() throws IOException {
        Request token = new Request.Builder()
                .url(keycloak.base() + "/realms/master/protocol/openid-connect/token")
                .post(new FormBody.Builder().add("grant_type", "password").add("client_id", "admin-cli")
                        .add("username", KeycloakServer.ADMIN).add("password", KeycloakServer.ADMIN_PASSWORD).build())
                .build();
        try (Response r = http.newCall(token).execute()) {
            JsonNode n = JSON.readTree(r.body().string());
            if (!n.path("access_token").isTextual()) {
                throw new AssertionError("Keycloak refused the admin sign-in (" + r.code() + ")");
            }
            return n.path("access_token").asText();
        }
    }
}
