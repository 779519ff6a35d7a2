package dev.latchkey.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.TestBroker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Browse and read follow the demo policy for every seeded user and every scope. */
class AccessPolicyTest {

    static final Map<String, String[]> USERS = Map.of(
            "ada", new String[] {"payments-dev"},
            "grace", new String[] {"payments-dev", "payments-leads"},
            "linus", new String[] {"search-dev"},
            "root", new String[] {"latchkey-admins"});
    static final List<String> SCOPES = List.of("payments/dev", "payments/staging", "payments/prod", "search/dev");

    /** user, scope, expected access ("hidden" when the scope must not even be listed). */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("ada", "payments/dev", "standing"),
                Arguments.of("ada", "payments/staging", "requestable"),
                Arguments.of("ada", "payments/prod", "requestable"),
                Arguments.of("ada", "search/dev", "hidden"),
                Arguments.of("grace", "payments/dev", "standing"),
                Arguments.of("grace", "payments/staging", "requestable"),
                Arguments.of("grace", "payments/prod", "requestable"),
                Arguments.of("grace", "search/dev", "hidden"),
                Arguments.of("linus", "payments/dev", "hidden"),
                Arguments.of("linus", "payments/staging", "hidden"),
                Arguments.of("linus", "payments/prod", "hidden"),
                Arguments.of("linus", "search/dev", "standing"),
                Arguments.of("root", "payments/dev", "hidden"),
                Arguments.of("root", "payments/staging", "hidden"),
                Arguments.of("root", "payments/prod", "hidden"),
                Arguments.of("root", "search/dev", "hidden"));
    }

    @RegisterExtension
    static final TestBroker BROKER = TestBroker.at(Instant.parse("2026-11-28T10:00:00Z")).build();

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("table")
    void browseAndReadFollowThePolicy(String user, String scope, String expected) {
        String token = BROKER.issuer().token(user, USERS.get(user));

        JsonNode listed = null;
        for (JsonNode s : BROKER.api().get("/v1/scopes", token).json().path("scopes")) {
            if (s.path("scope").asText().equals(scope)) {
                listed = s;
            }
        }
        Api.Answer secrets = BROKER.api().get("/v1/scopes/" + scope + "/secrets", token);
        String firstSecret = DemoOrganisation.values().keySet().stream().filter(k -> k.startsWith(scope + "/"))
                .sorted().findFirst().orElseThrow();
        String firstRef = "latchkey://" + firstSecret;
        JsonNode resolved = BROKER.api().post("/v1/secrets:resolve", token, Api.json(Map.of("refs", List.of(firstRef)))).json();

        switch (expected) {
            case "hidden" -> {
                assertThat(listed).isNull();
                assertThat(secrets.status()).isEqualTo(403);
                assertThat(secrets.json().path("error").asText()).isEqualTo("forbidden");
                assertThat(resolved.path("resolved")).isEmpty();
                assertThat(resolved.path("refused").get(0).path("reason").asText()).isEqualTo("no_access");
            }
            case "standing" -> {
                assertThat(listed.path("access").asText()).isEqualTo("standing");
                assertThat(secrets.status()).isEqualTo(200);
                assertThat(resolved.path("refused")).isEmpty();
                assertThat(resolved.path("resolved").get(0).path("value").asText())
                        .isEqualTo(DemoOrganisation.values().get(firstSecret));
                assertThat(resolved.path("resolved").get(0).has("accessEndsAt")).isFalse();
            }
            case "requestable" -> {
                assertThat(listed.path("access").asText()).isEqualTo("requestable");
                assertThat(listed.path("maxDurationSeconds").asLong()).isPositive();
                assertThat(secrets.status()).isEqualTo(200);
                assertThat(resolved.path("resolved")).isEmpty();
                assertThat(resolved.path("refused").get(0).path("reason").asText()).isEqualTo("request_needed");
            }
            default -> throw new IllegalArgumentException(expected);
        }
        if (secrets.status() == 200) {
            String names = secrets.json().path("secrets").toString();
            assertThat(names).contains("\"name\":\"" + firstSecret.substring(scope.length() + 1) + "\"");
            DemoOrganisation.values().values().forEach(v -> assertThat(names).doesNotContain(v));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void everyUserSeesExactlyTheScopesTheTableGivesThem(String user) {
        List<String> visible = table().filter(a -> a.get()[0].equals(user) && !a.get()[2].equals("hidden"))
                .map(a -> (String) a.get()[1]).sorted().toList();
        List<String> listed = BROKER.api().get("/v1/scopes", BROKER.issuer().token(user, USERS.get(user))).json().path("scopes")
                .valueStream().map(s -> s.path("scope").asText()).sorted().toList();
        assertThat(listed).isEqualTo(visible);
    }

    static Stream<String> users() {
        return USERS.keySet().stream().sorted();
    }

    @org.junit.jupiter.api.Test
    void stagingTellsRequestersWhatIsAutoApprovedAndProdDoesNot() {
        JsonNode scopes = BROKER.api().get("/v1/scopes", BROKER.issuer().token("ada", "payments-dev")).json().path("scopes");
        JsonNode staging = scopes.valueStream().filter(s -> s.path("scope").asText().equals("payments/staging"))
                .findFirst().orElseThrow();
        JsonNode prod = scopes.valueStream().filter(s -> s.path("scope").asText().equals("payments/prod"))
                .findFirst().orElseThrow();
        assertThat(staging.path("autoApproveUpToSeconds").asLong()).isEqualTo(4 * 3600);
        assertThat(prod.path("maxDurationSeconds").asLong()).isEqualTo(3600);
        assertThat(prod.has("autoApproveUpToSeconds")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void secretsMetadataCarriesVersionDatesAndRotationButNoValue() {
        Api.Answer answer = BROKER.api().get("/v1/scopes/payments/dev/secrets", BROKER.issuer().token("ada", "payments-dev"));
        JsonNode dbUrl = answer.json().path("secrets").valueStream()
                .filter(s -> s.path("name").asText().equals("db-url")).findFirst().orElseThrow();
        assertThat(dbUrl.path("version").asInt()).isEqualTo(1);
        assertThat(Instant.parse(dbUrl.path("updatedAt").asText())).isEqualTo(BROKER.clock().instant());
        assertThat(Instant.parse(dbUrl.path("rotationDue").asText())).isEqualTo(BROKER.clock().instant().plusSeconds(90L * 86400));
        assertThat(dbUrl.path("description").asText()).isNotBlank();
        assertThat(dbUrl.has("value")).isFalse();
        DemoOrganisation.values().values().forEach(v -> assertThat(answer.body()).doesNotContain(v));
    }

    @org.junit.jupiter.api.Test
    void anUnknownScopeIsNotFound() {
        Api.Answer answer = BROKER.api().get("/v1/scopes/billing/dev/secrets", BROKER.issuer().token("ada", "payments-dev"));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).isEqualTo("not_found");
    }
}
