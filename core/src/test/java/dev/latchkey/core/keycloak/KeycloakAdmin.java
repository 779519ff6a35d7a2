package dev.latchkey.core.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Asks Keycloak's admin API what happened at the IdP: how many refreshes it served. */
final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
    private final KeycloakServer keycloak;

    KeycloakAdmin(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    /** Successful refresh-token grants the realm has recorded. */
    int refreshes() throws IOException {
        Request events = new Request.Builder()
                .url(keycloak.base() + "/admin/realms/" + KeycloakServer.REALM + "/events?type=REFRESH_TOKEN&max=10000")
                .header("Authorization", "Bearer " + adminToken()).build();
        try (Response r = http.newCall(events).execute()) {
            if (r.code() != 200) {
                throw new AssertionError("Keycloak's events API answered " + r.code());
            }
            return JSON.readTree(r.body().string()).size();
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
