package dev.latchkey.core.agent;

import dev.latchkey.core.internal.json.JsonFields;
import dev.latchkey.core.internal.json.MalformedJson;
import dev.latchkey.core.internal.json.StrictJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's half of the protocol's JSON (docs/agent.md, version 1), without Jackson: the calls
 * written by hand and the agent's replies read by {@link JsonFields} (over {@link StrictJson}) into
 * the same {@link AgentMessages} records the agent writes. A {@code latchkey run} through the agent then
 * loads no JSON library: Jackson's classes cost it more than its whole exchange with the agent.
 *
 * <p>Strict where a mistake would change what a launch gets: a reply that is not JSON, a field of
 * the wrong type, a missing field the message needs and an unknown {@code outcome} are each
 * {@link MalformedJson}, naming the field by its path. Fields this version does not know are ignored,
 * as the protocol allows.
 */
final class AgentReplies {

    private AgentReplies() {
    }

    /** {@code {"broker":"…"}}: the token and forget calls. */
    static String brokerCall(String broker) {
        return "{\"broker\":" + StrictJson.quoted(broker) + "}";
    }

    /** A resolve call; {@code approval} is left out when null. */
    static String resolveCall(String broker, List<String> refs, Map<String, AgentMessages.SandboxAsk> sandboxes,
                              String approval) {
        StringBuilder b = new StringBuilder(256).append("{\"broker\":").append(StrictJson.quoted(broker)).append(",\"refs\":[");
        for (int i = 0; i < refs.size(); i++) {
            b.append(i > 0 ? "," : "").append(StrictJson.quoted(refs.get(i)));
        }
        b.append("],\"sandboxes\":{");
        int i = 0;
        for (Map.Entry<String, AgentMessages.SandboxAsk> e : sandboxes.entrySet()) {
            b.append(i++ > 0 ? "," : "").append(StrictJson.quoted(e.getKey())).append(":{\"sandbox\":")
                    .append(StrictJson.quoted(e.getValue().sandbox())).append(",\"ttlSeconds\":")
                    .append(e.getValue().ttlSeconds()).append('}');
        }
        b.append('}');
        if (approval != null) {
            b.append(",\"approval\":").append(StrictJson.quoted(approval));
        }
        return b.append('}').toString();
    }

    /** {@code GET /v1/status}'s reply; fields left out read as absent (null, 0, false). */
    static AgentMessages.Status status(String body) throws MalformedJson {
        JsonFields s = JsonFields.parse(body);
        return new AgentMessages.Status((int) s.wholeNumberOr("protocol", 0), s.wholeNumberOr("pid", 0),
                s.optionalText("broker"), s.booleanOr("signedIn", false), s.optionalText("user"), s.optionalText("email"),
                s.optionalText("accessTokenExpiresAt"), s.optionalText("storage"), s.optionalText("storageDetail"),
                s.wholeNumberOr("refreshes", 0));
    }

    /** {@code POST /v1/token}'s reply: the access token. */
    static String accessToken(String body) throws MalformedJson {
        return JsonFields.parse(body).text("accessToken");
    }

    /** {@code POST /v1/resolve}'s reply. */
    static AgentMessages.ResolveAnswer resolve(String body) throws MalformedJson {
        JsonFields r = JsonFields.parse(body);
        String outcome = r.text("outcome");
        return switch (outcome) {
            case "approval_needed" -> new AgentMessages.ResolveAnswer(outcome, null, null, null, r.optionalText("approver"),
                    r.optionalTexts("confirm"), r.optionalText("approval"));
            case "refused" -> {
                List<AgentMessages.RefusedOut> out = new ArrayList<>();
                for (JsonFields x : r.objects("refused")) {
                    out.add(new AgentMessages.RefusedOut(x.text("ref"), x.text("why")));
                }
                yield new AgentMessages.ResolveAnswer(outcome, null, null, out, null, null, r.optionalText("approval"));
            }
            case "granted" -> new AgentMessages.ResolveAnswer(outcome, secrets(r), tokens(r), null, null, null,
                    r.optionalText("approval"));
            default -> throw new MalformedJson("outcome", "is a word this client does not know");
        };
    }

    private static List<AgentMessages.SecretOut> secrets(JsonFields r) throws MalformedJson {
        List<JsonFields> secrets = r.optionalObjects("secrets");
        List<AgentMessages.SecretOut> out = new ArrayList<>();
        for (JsonFields s : secrets == null ? List.<JsonFields>of() : secrets) {
            out.add(new AgentMessages.SecretOut(s.text("ref"), s.text("value"), s.optionalText("accessEnds"),
                    s.optionalText("grantId")));
        }
        return out;
    }

    private static Map<String, AgentMessages.TokenOut> tokens(JsonFields r) throws MalformedJson {
        Map<String, JsonFields> tokens = r.optionalObjectsByName("sandboxTokens");
        Map<String, AgentMessages.TokenOut> out = new LinkedHashMap<>();
        if (tokens != null) {
            for (Map.Entry<String, JsonFields> e : tokens.entrySet()) {
                JsonFields t = e.getValue();
                out.put(e.getKey(), new AgentMessages.TokenOut(t.text("sandbox"), t.text("token"), t.text("audience"),
                        t.text("scope"), t.text("issuedAt"), t.text("expiresAt"), t.text("jti")));
            }
        }
        return out;
    }

    /** A typed error's body: {@code {"error":{"type":…,"message":…,"kind":…}}}. */
    static AgentMessages.ErrorDetail error(String body) throws MalformedJson {
        JsonFields e = JsonFields.parse(body).object("error");
        return new AgentMessages.ErrorDetail(e.text("type"), e.text("message"), e.optionalText("kind"));
    }
}
