package dev.latchkey.core.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.internal.agent.Wire;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.profile.EnvValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a launch's refresh endpoint answers for one version of its values, made once per version: a
 * program polling every few milliseconds is answered without the values being written out again
 * each time. Never the only copy of a value (those are in {@link LaunchCredentials}); dropped when
 * the values change or the launch ends. Not thread-safe: its owner's lock guards it.
 *
 * <p>Also writes the values as the endpoint serves them, as JSON or as {@code .env} text.
 */
final class EndpointAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Instant version;
    private final List<String> refs;
    private final List<String> sandboxes;
    private byte[] json;
    private byte[] dotenv;

    private EndpointAnswers(Instant version, List<String> refs, List<String> sandboxes) {
        this.version = version;
        this.refs = refs;
        this.sandboxes = sandboxes;
    }

    /** The answers for the values {@code current} (none yet when it is null) read at {@code version}. */
    static EndpointAnswers of(Instant version, Resolution.Granted current) {
        return current == null ? new EndpointAnswers(version, List.of(), List.of())
                : new EndpointAnswers(version, current.secrets().keySet().stream().map(SecretRef::toString).sorted().toList(),
                        current.sandboxTokens().values().stream().map(SandboxToken::sandbox).sorted().toList());
    }

    /** Whether these answers are for the values read at {@code readAt}. */
    boolean isFor(Instant readAt) {
        return Objects.equals(version, readAt);
    }

    Instant version() {
        return version;
    }

    List<String> refs() {
        return refs;
    }

    List<String> sandboxes() {
        return sandboxes;
    }

    /** The JSON answer in UTF-8, written by {@code text} the first time it is asked for. */
    byte[] json(Supplier<String> text) {
        if (json == null) {
            json = text.get().getBytes(StandardCharsets.UTF_8);
        }
        return json;
    }

    /** The {@code .env} answer in UTF-8, written by {@code text} the first time it is asked for. */
    byte[] dotenv(Supplier<String> text) {
        if (dotenv == null) {
            dotenv = text.get().getBytes(StandardCharsets.UTF_8);
        }
        return dotenv;
    }

    /** {@code current} (may be null) as JSON: each variable with its reference or sandbox and its expiry. */
    static String jsonOf(Map<String, EnvValue> variables, Instant refreshedAt, Resolution.Granted current) {
        ObjectNode root = JSON.createObjectNode();
        root.put("protocol", Wire.PROTOCOL);
        root.put("refreshedAt", refreshedAt == null ? null : refreshedAt.toString());
        ObjectNode vars = root.putObject("variables");
        if (current != null) {
            variables.forEach((name, v) -> {
                if (v instanceof EnvValue.Reference r && current.secrets().containsKey(r.ref())) {
                    ResolvedSecret s = current.secrets().get(r.ref());
                    ObjectNode o = vars.putObject(name).put("ref", r.ref().toString()).put("value", s.value());
                    s.accessEnds().ifPresent(e -> o.put("expiresAt", e.toString()));
                }
            });
            current.sandboxTokens().forEach((name, t) -> vars.putObject(name).put("sandbox", t.sandbox())
                    .put("value", t.token()).put("expiresAt", t.expiresAt().toString()));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the credentials did not serialize", e);
        }
    }

    /** {@code current} (may be null) as {@code .env} text, each value preceded by a comment with its expiry. */
    static String dotenvOf(Map<String, EnvValue> variables, Resolution.Granted current) {
        StringBuilder b = new StringBuilder();
        if (current != null) {
            variables.forEach((name, v) -> {
                if (v instanceof EnvValue.Reference r && current.secrets().containsKey(r.ref())) {
                    ResolvedSecret s = current.secrets().get(r.ref());
                    line(b, name, s.value(), r.ref() + s.accessEnds().map(e -> " until " + e).orElse(""));
                }
            });
            current.sandboxTokens().forEach((name, t) -> line(b, name, t.token(),
                    "sandbox " + t.sandbox() + " until " + t.expiresAt()));
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String name, String value, String comment) {
        b.append("# ").append(comment).append('\n').append(name).append("=\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"', '\\', '$', '`' -> b.append('\\').append(c);
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        b.append("\"\n");
    }
}
