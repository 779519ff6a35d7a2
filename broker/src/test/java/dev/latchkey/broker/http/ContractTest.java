package dev.latchkey.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.testing.ApiContract;
import dev.latchkey.broker.testing.ExchangeGenerator;
import dev.latchkey.broker.testing.GeneratedExchange;
import dev.latchkey.broker.testing.TestIssuer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The broker and docs/broker-api.yaml agree, on requests drawn from the document alone: one it
 * allows is never refused for its form, and one that breaks a single parameter or field is a
 * JSON 4xx naming it. The validator's own reading of each request is checked too, so the
 * generator cannot drift from the document. Every answer is checked against the document.
 */
class ContractTest {

    /** Refusals that mean "the request's form is wrong": a request the document allows never gets one. */
    static final Set<Integer> FORM_REFUSALS = Set.of(400, 408, 413, 414, 415, 431);
    static final ObjectMapper JSON = new ObjectMapper();
    static final ExchangeGenerator GENERATOR = new ExchangeGenerator();

    static TestIssuer issuer;
    static RunningBroker broker;
    static HttpClient http;
    static Map<String, String> tokens;

    @BeforeContainer
    static void start() throws Exception {
        issuer = new TestIssuer(Clock.systemUTC());
        broker = LatchkeyBroker.start(BrokerConfig.dev().withIssuer(issuer.issuer()));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        tokens = Map.of("ada", issuer.token("ada", "payments-dev"),
                "grace", issuer.token("grace", "payments-dev", "payments-leads"),
                "root", issuer.token("root", "latchkey-admins"), "linus", issuer.token("linus", "search-dev"));
    }

    @AfterContainer
    static void stop() {
        http.close();
        broker.close();
        issuer.close();
    }

    @Provide
    Arbitrary<GeneratedExchange> allowed() {
        return Arbitraries.randomValue(GENERATOR::allowed);
    }

    @Provide
    Arbitrary<GeneratedExchange> breaking() {
        return Arbitraries.randomValue(GENERATOR::breaking);
    }

    @Property(tries = 400)
    void aRequestTheDocumentAllowsIsNeverRefusedForItsForm(@ForAll("allowed") GeneratedExchange e) throws Exception {
        String token = tokens.get(e.user());
        if (!e.formBody()) {
            ValidationReport own = ApiContract.validator().validateRequest(e.forValidator(token));
            assertThat(errors(own)).as("the validator's reading of the generated request %s", e).isEmpty();
        }

        HttpResponse<String> answer = http.send(e.http(broker.url(), token), HttpResponse.BodyHandlers.ofString());

        ApiContract.check(answer);
        assertThat(answer.statusCode()).as("%s answered %s", e, answer.body()).isNotIn(FORM_REFUSALS).isLessThan(500);
    }

    @Property(tries = 400)
    void aRequestThatBreaksOneThingIsAJson4xxNamingIt(@ForAll("breaking") GeneratedExchange e) throws Exception {
        String token = tokens.get(e.user());
        // OpenAPI lets a call take parameters it does not list; the document's description forbids them.
        if (!e.how().equals(ExchangeGenerator.UNKNOWN_PARAMETER) && !e.formBody()) {
            ValidationReport own = ApiContract.validator().validateRequest(e.forValidator(token));
            assertThat(own.hasErrors()).as("the validator also refuses %s", e).isTrue();
        }

        HttpResponse<String> answer = http.send(e.http(broker.url(), token), HttpResponse.BodyHandlers.ofString());

        ApiContract.check(answer);
        assertThat(answer.statusCode()).as("%s answered %s", e, answer.body()).isBetween(400, 499);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("field").asText()).as("%s answered %s", e, answer.body()).isEqualTo(e.breaks());
    }

    private static String errors(ValidationReport report) {
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("\n"));
    }
}
