package dev.latchkey.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.core.brokerapi.AccessDeniedException;
import dev.latchkey.core.brokerapi.BrokerProtocolException;
import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.internal.agent.AgentError;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client reads the agent's replies without Jackson: what the agent writes reads back whole, and
 * every reply protocol 1 does not allow is a typed error after which a launch works alone, saying
 * so once, over a real Unix domain socket.
 */
class AgentRepliesTest {

    private static final URI BROKER = URI.create(ScriptedAgent.BROKER);
    private static final SecretRef DB = SecretRef.parse("latchkey://payments/dev/db-url");
    private static final String SECRET = "postgres://ada:hunter2@db";
    private static final String GRANTED = "{\"outcome\":\"granted\",\"secrets\":[{\"ref\":"
            + "\"latchkey://payments/dev/db-url\",\"value\":\"" + SECRET + "\"}],\"sandboxTokens\":{}}";

    @TempDir
    Path dir;

    private AgentCalls calls(ScriptedAgent agent) {
        return new AgentCalls(AgentClient.probe(agent.paths(), Duration.ofSeconds(2)).orElseThrow());
    }

    @Test
    void whatTheAgentWritesReadsBackAsTheSameResolution() throws Exception {
        Instant now = Instant.parse("2026-12-01T17:00:00Z");
        Resolution granted = new Resolution.Granted(Map.of(DB, new ResolvedSecret(DB, "v\"\\\n\u0001é😀", Optional.of(now),
                Optional.of("g_7xk2"))), Map.of("T", new SandboxToken("payments-sandbox", "eyJ.tok", "aud", "scope", now,
                now.plusSeconds(600), "jti-1")));
        Resolution refused = new Resolution.Refused(List.of(new RefusedRef(DB, RefusedRef.Why.REQUEST_NEEDED)));
        // As the agent writes them (AgentService: Jackson, the answer records).
        ObjectMapper agentSide = new ObjectMapper();
        for (Resolution r : List.of(granted, refused)) {
            String body = agentSide.writeValueAsString(AgentResolutions.toAnswer(r).withApproval("lka-1"));

            assertThat(AgentResolutions.fromAnswer(AgentReplies.resolve(body))).isEqualTo(r);
            assertThat(AgentReplies.resolve(body).approval()).isEqualTo("lka-1");
        }
        String needed = agentSide.writeValueAsString(new AgentMessages.ResolveAnswer("approval_needed", null, null, null,
                "app", List.of("payments/prod"), null));
        assertThat(AgentReplies.resolve(needed).confirm()).containsExactly("payments/prod");
        AgentMessages.Status status = new AgentMessages.Status(1, 48121, "https://b", true, "Ada", "ada@example.com",
                "2026-12-01T18:00:00Z", "GNOME Keyring", null, 3);
        assertThat(AgentReplies.status(agentSide.writeValueAsString(status))).isEqualTo(status);
    }

    @Test
    void theCallsAreTheJsonTheAgentReads() throws Exception {
        try (ScriptedAgent agent = new ScriptedAgent(dir, line -> ScriptedAgent.http(200, GRANTED))) {
            Map<String, SandboxRequest> sandboxes = new LinkedHashMap<>();
            sandboxes.put("T\"", new SandboxRequest("payments-sandbox", Duration.ofMinutes(10)));

            calls(agent).resolve(BROKER, Set.of(DB), sandboxes, "lka-\n1");

            String body = agent.calls().getLast().substring(agent.calls().getLast().indexOf('\n') + 1);
            assertThat(body).isEqualTo("{\"broker\":\"http://127.0.0.1:9\",\"refs\":[\"" + DB
                    + "\"],\"sandboxes\":{\"T\\\"\":{\"sandbox\":\"payments-sandbox\",\"ttlSeconds\":600}},"
                    + "\"approval\":\"lka-\\n1\"}");
            assertThat(new ObjectMapper().readValue(body, AgentMessages.ResolveCall.class).sandboxes().get("T\"").ttlSeconds())
                    .isEqualTo(600);
        }
    }

    /** Replies that are JSON but not what protocol 1 says, or not JSON at all: each a bad_request. */
    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{", GRANTED + " {}", GRANTED + "\r\n\r\nHTTP/1.1 200 OK\r\n\r\n" + GRANTED,
        "[]", "{}", "{\"outcome\":null}", "{\"outcome\":7}", "{\"outcome\":\"maybe\"}", "{\"outcome\":\"refused\"}",
        "{\"outcome\":\"refused\",\"refused\":[{\"ref\":\"" + "latchkey://payments/dev/db-url\",\"why\":\"BECAUSE\"}]}",
        "{\"outcome\":\"refused\",\"refused\":[{\"ref\":\"no-ref\",\"why\":\"REQUEST_NEEDED\"}]}",
        "{\"outcome\":\"granted\",\"secrets\":{}}", "{\"outcome\":\"granted\",\"secrets\":[\"x\"]}",
        "{\"outcome\":\"granted\",\"secrets\":[{\"ref\":\"latchkey://payments/dev/db-url\"}]}",
        "{\"outcome\":\"granted\",\"secrets\":[{\"ref\":\"latchkey://payments/dev/db-url\",\"value\":5}]}",
        "{\"outcome\":\"granted\",\"secrets\":[{\"ref\":\"latchkey://payments/dev/db-url\",\"value\":\"v\","
                + "\"accessEnds\":\"tomorrow\"}]}",
        "{\"outcome\":\"granted\",\"sandboxTokens\":{\"T\":{\"sandbox\":\"s\"}}}",
        "{\"outcome\":\"granted\",\"sandboxTokens\":[]}", "{\"outcome\":\"approval_needed\",\"confirm\":\"a\"}",
        "{\"outcome\":\"granted\",\"outcome\":\"refused\"}", "{\"outcome\":\"granted\",\"secrets\":[{\"ref\":\"\ud800\"}]}"})
    void aReplyProtocolOneDoesNotAllowIsABadRequestNamingNoValue(String body) throws Exception {
        try (ScriptedAgent agent = new ScriptedAgent(dir, line -> ScriptedAgent.http(200, body))) {
            assertThatThrownBy(() -> calls(agent).resolve(BROKER, Set.of(DB), Map.of(), null))
                    .isInstanceOfSatisfying(AgentCallException.class, e -> {
                        assertThat(e.error()).isEqualTo(AgentError.BAD_REQUEST);
                        assertThat(e.getMessage()).isEqualTo("the agent (pid 4242) did not answer as protocol 1 says");
                        assertThat(String.valueOf(e.getCause())).doesNotContain(SECRET).doesNotContain("db-url");
                    });
        }
    }

    /** Answers that are not an HTTP/1.1 reply, or too large: the agent did not answer (timeout), as before. */
    @Test
    void anAnswerThatIsNotHttpOrOversizedIsATimeout() throws Exception {
        byte[] oversized = ScriptedAgent.http(200, "{\"outcome\":\"granted\",\"x\":\"" + "a".repeat(4 * 1024 * 1024) + "\"}");
        List<byte[]> answers = List.of(GRANTED.getBytes(StandardCharsets.UTF_8),
                (GRANTED + "\r\n\r\nHTTP/1.1 200 OK\r\n\r\n").getBytes(StandardCharsets.UTF_8),
                "HTTP/1.1 2x0 OK\r\n\r\n{}".getBytes(StandardCharsets.UTF_8), "HTTP/1.1 200 OK".getBytes(StandardCharsets.UTF_8),
                new byte[0], oversized);
        for (byte[] answer : answers) {
            try (ScriptedAgent agent = new ScriptedAgent(dir.resolve("a" + answer.length), line -> answer)) {
                assertThatThrownBy(() -> calls(agent).resolve(BROKER, Set.of(DB), Map.of(), null))
                        .isInstanceOfSatisfying(AgentCallException.class, e -> {
                            assertThat(e.error()).isEqualTo(AgentError.TIMEOUT);
                            assertThat(e.getMessage()).isEqualTo("the agent (pid 4242) did not answer in time");
                        });
            }
        }
    }

    @Test
    void typedErrorsBecomeTheBrokerErrorsTheCliHandlesOrTheAgentsOwn() throws Exception {
        Map<String, byte[]> errors = Map.of(
                "not_signed_in", err(401, "not_signed_in", "you are not signed in", null),
                "access_denied", err(502, "broker", "denied", "access_denied"),
                "unreachable", err(502, "broker", "no route", "unreachable"),
                "protocol", err(502, "broker", "odd", null),
                "wrong_broker", err(409, "wrong_broker", "another broker", null),
                "newer", err(400, "some_newer_type", "?", null),
                "malformed", ScriptedAgent.http(400, "{\"error\":{\"type\":1}}"),
                "no error", ScriptedAgent.http(500, "{\"message\":\"x\"}"));
        Map<String, Class<?>> expected = Map.of("not_signed_in", NotSignedInException.class,
                "access_denied", AccessDeniedException.class, "unreachable", BrokerUnreachableException.class,
                "protocol", BrokerProtocolException.class);
        Map<String, AgentError> agentErrors = Map.of("wrong_broker", AgentError.WRONG_BROKER, "newer", AgentError.INTERNAL,
                "malformed", AgentError.BAD_REQUEST, "no error", AgentError.BAD_REQUEST);
        for (Map.Entry<String, byte[]> e : errors.entrySet()) {
            try (ScriptedAgent agent = new ScriptedAgent(dir.resolve(e.getKey().replace(' ', '-')), line -> e.getValue())) {
                if (expected.containsKey(e.getKey())) {
                    assertThatThrownBy(() -> calls(agent).resolve(BROKER, Set.of(DB), Map.of(), null)).as(e.getKey())
                            .isInstanceOf(expected.get(e.getKey()));
                } else {
                    assertThatThrownBy(() -> calls(agent).accessToken(BROKER)).as(e.getKey())
                            .isInstanceOfSatisfying(AgentCallException.class,
                                    x -> assertThat(x.error()).isEqualTo(agentErrors.get(e.getKey())));
                }
            }
        }
    }

    @Test
    void aLaunchWorksAloneAfterABadReplyAndSaysSoOnce() throws Exception {
        try (ScriptedAgent agent = new ScriptedAgent(dir, line -> ScriptedAgent.http(200, "{\"outcome\":\"granted\",\"secrets\":7}"))) {
            AtomicInteger alone = new AtomicInteger();
            Resolution own = new Resolution.Granted(Map.of(DB, new ResolvedSecret(DB, "alone", Optional.empty(),
                    Optional.empty())), Map.of());
            List<String> notices = new ArrayList<>();
            AgentSecretSource source = new AgentSecretSource(calls(agent), BROKER, (refs, sandboxes) -> {
                alone.incrementAndGet();
                return own;
            }, notices::add);

            assertThat(source.resolve(Set.of(DB), Map.of())).isEqualTo(own);
            assertThat(source.resolve(Set.of(DB), Map.of())).isEqualTo(own);

            assertThat(alone).hasValue(2);
            assertThat(notices).containsExactly(
                    "latchkey: the agent (pid 4242) did not answer as protocol 1 says; working without it");
            assertThat(agent.calls()).filteredOn(c -> c.startsWith("POST /v1/resolve")).hasSize(1);
        }
    }

    @Test
    void theTokenAndTheStatusReadWithoutJackson() throws Exception {
        try (ScriptedAgent agent = new ScriptedAgent(dir, line -> line.startsWith("POST /v1/token")
                ? ScriptedAgent.http(200, "{\"accessToken\":\"eyJ.a\",\"expiresAt\":\"2026-12-01T18:00:00Z\",\"new\":[1]}")
                : ScriptedAgent.http(200, "{\"protocol\":1,\"pid\":4242,\"signedIn\":false,\"refreshes\":0}"))) {
            AgentCalls calls = calls(agent);

            assertThat(calls.accessToken(BROKER)).isEqualTo("eyJ.a");
            assertThat(calls.status().signedIn()).isFalse();
            assertThat(calls.status().user()).isNull();
        }
    }

    private static byte[] err(int status, String type, String message, String kind) {
        return ScriptedAgent.http(status, "{\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\""
                + (kind == null ? "" : ",\"kind\":\"" + kind + "\"") + "}}");
    }
}
