package dev.latchkey.core.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the launch log's lines back, with Jackson: kept apart from {@link LogJson} so that a
 * {@code latchkey run}, which only appends, never loads the JSON library.
 */
final class LogReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogReader() {
    }

    static JsonNode tree(String line) throws IOException {
        return JSON.readTree(line);
    }

    static boolean isLaunch(JsonNode n) {
        return !n.has("kind");
    }

    static boolean isAgentRead(JsonNode n) {
        return LogJson.AGENT_READ.equals(n.path("kind").asText());
    }

    static boolean isEndpointRead(JsonNode n) {
        return LogJson.ENDPOINT_READ.equals(n.path("kind").asText());
    }

    static LaunchRecord launch(JsonNode n) {
        return new LaunchRecord(Instant.parse(n.get("started").asText()), Instant.parse(n.get("ended").asText()),
                n.get("profile").asText(), strings(n.get("command")), strings(n.get("refs")),
                strings(n.get("sandboxes")), n.get("pid").asLong(), n.get("exitCode").asInt(), text(n, "note"),
                text(n, "cwd").orElse(""), strings(n.get("parents")), grants(n.get("grants")));
    }

    static AgentRead agentRead(JsonNode n) {
        return new AgentRead(Instant.parse(n.get("at").asText()), process(n), strings(n.get("refs")),
                strings(n.get("sandboxes")), ReadDecision.fromWire(text(n, "decision").orElse("")),
                grants(n.get("grants")), strings(n.get("refused")), text(n, "note"));
    }

    static EndpointRead endpointRead(JsonNode n) {
        return new EndpointRead(Instant.parse(n.get("at").asText()), process(n), n.get("launchPid").asLong(),
                text(n, "profile").orElse(""), strings(n.get("refs")), strings(n.get("sandboxes")),
                ReadDecision.fromWire(text(n, "decision").orElse("")));
    }

    /** The process a read line names; empty when it names none. */
    private static Optional<ProcessFacts> process(JsonNode n) {
        return n.has("pid")
                ? Optional.of(new ProcessFacts(n.get("pid").asLong(), text(n, "executable").orElse(""),
                        text(n, "cwd").orElse(""), strings(n.get("parents"))))
                : Optional.empty();
    }

    private static Optional<String> text(JsonNode n, String field) {
        return Optional.ofNullable(n.get(field)).filter(v -> !v.isNull()).map(JsonNode::asText);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static List<GrantUse> grants(JsonNode array) {
        List<GrantUse> out = new ArrayList<>();
        if (array != null) {
            array.forEach(g -> out.add(new GrantUse(g.path("scope").asText(), text(g, "id"))));
        }
        return out;
    }
}
