package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.latchkey.broker.testing.ApiContract;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/broker-api.yaml stays true: every route the server registers is in it, and nothing more. */
class OpenApiRoutesTest {

    static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void theDocumentAndTheServerHaveTheSameRoutes() throws Exception {
        Path doc = locate("docs/broker-api.yaml");
        JsonNode api = new ObjectMapper(new YAMLFactory()).readTree(doc.toFile());
        Set<String> documented = new TreeSet<>();
        api.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (HTTP_METHODS.contains(op.getKey())) {
                documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));

        Set<String> registered;
        try (LatchkeyBroker.Started broker = LatchkeyBroker.startServer(BrokerConfig.dev())) {
            registered = broker.server().unsafe.internalRouter.allHttpHandlers().stream()
                    .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                    // The dev IdP is a standard OIDC provider, described by its own discovery document.
                    .filter(route -> !route.split(" ")[1].startsWith("/dev-idp"))
                    .filter(route -> !route.startsWith("BEFORE") && !route.startsWith("AFTER"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        assertThat(registered).isNotEmpty();
        assertThat(documented).as("documented in %s", doc).isEqualTo(registered);
    }

    @Test
    void everyOperationDocumentsItsErrorsWithTheOneErrorShape() throws Exception {
        JsonNode api = new ObjectMapper(new YAMLFactory()).readTree(locate("docs/broker-api.yaml").toFile());
        api.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (!HTTP_METHODS.contains(op.getKey())) {
                return;
            }
            JsonNode responses = op.getValue().path("responses");
            assertThat(responses.has("200") || responses.has("201")).as("%s %s has a success answer", op.getKey(),
                    path.getKey()).isTrue();
            boolean open = op.getValue().path("security").isArray() && op.getValue().path("security").isEmpty();
            if (path.getKey().startsWith("/v1") && !open) {
                assertThat(responses.has("401")).as("%s %s has a 401", op.getKey(), path.getKey()).isTrue();
            }
        }));
    }

    @Test
    void aRequestForAccessOneHoldsIsADocumentedConflict() throws Exception {
        JsonNode api = new ObjectMapper(new YAMLFactory()).readTree(locate("docs/broker-api.yaml").toFile());
        JsonNode conflict = api.at("/paths/~1v1~1access-requests/post/responses/409");
        assertThat(conflict.path("$ref").asText()).isEqualTo("#/components/responses/AlreadyGranted");
        assertThat(api.at("/components/responses/AlreadyGranted/description").asText()).contains("already_granted");
        assertThat(api.at("/components/schemas/Error/properties/error/enum").toString()).contains("\"already_granted\"");
    }

    static Path locate(String relative) {
        return ApiContract.locate(relative);
    }
}
