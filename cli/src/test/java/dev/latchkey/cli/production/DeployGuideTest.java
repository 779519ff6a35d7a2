package dev.latchkey.cli.production;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.testsupport.keycloak.KeycloakRealm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/deploy.md's Keycloak section stays what the production-path test runs: every setting of the
 * realm file it tells operators to import is in its tables with the file's value, and its broker
 * command is one the broker accepts.
 */
class DeployGuideTest {

    @Test
    void everyRealmAndClientSettingOfTheRealmFileIsDocumentedWithItsValue() throws Exception {
        String guide = Files.readString(DeployGuide.file());
        JsonNode realm = KeycloakRealm.operators();
        for (String setting : List.of("sslRequired", "accessTokenLifespan", "ssoSessionIdleTimeout",
                "ssoSessionMaxLifespan", "offlineSessionIdleTimeout", "revokeRefreshToken", "refreshTokenMaxReuse",
                "oauth2DeviceCodeLifespan", "oauth2DevicePollingInterval")) {
            String value = realm.path(setting).asText();
            assertThat(guide).as(setting).contains("`" + setting + "`");
            assertThat(guide).as(setting + " = " + value).containsPattern("`" + setting + "`[^\\n]*\\b" + value + "\\b");
        }
        JsonNode client = realm.path("clients").get(0);
        assertThat(client.path("clientId").asText()).isEqualTo("latchkey");
        assertThat(client.path("publicClient").asBoolean()).isTrue();
        assertThat(client.path("attributes").path("oauth2.device.authorization.grant.enabled").asText()).isEqualTo("true");
        for (String setting : List.of("publicClient", "consentRequired", "standardFlowEnabled", "implicitFlowEnabled",
                "directAccessGrantsEnabled", "serviceAccountsEnabled", "frontchannelLogout",
                "oauth2.device.authorization.grant.enabled")) {
            assertThat(guide).as(setting).contains(setting);
        }
        assertThat(client.path("protocolMappers").get(0).path("config").path("claim.name").asText()).isEqualTo("groups");
        assertThat(guide).contains("[keycloak/latchkey-realm.json](keycloak/latchkey-realm.json)");
    }

    @Test
    void theDocumentedBrokerCommandNamesTheRealmsIssuerClientAndGroupsClaim() throws Exception {
        Path dir = Files.createTempDirectory("latchkey-guide");
        List<String> args = DeployGuide.keycloakBrokerArgs(URI.create("http://127.0.0.1:1"), dir.resolve("p.yaml"),
                dir.resolve("k"), dir.resolve("db"));
        assertThat(args).containsSubsequence("--issuer", "http://127.0.0.1:1/realms/latchkey")
                .containsSubsequence("--client-id", "latchkey").containsSubsequence("--groups-claim", "groups")
                .contains("--policy", "--master-key-file", "--db");
    }
}
