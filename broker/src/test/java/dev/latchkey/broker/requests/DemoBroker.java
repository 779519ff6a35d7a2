package dev.latchkey.broker.requests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.broker.testing.Api;
import dev.latchkey.broker.testing.TestBroker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TestBroker} with the demo policy and tokens for the demo users (plus joan, a payments lead
 * who files nothing, and eve, who is in no group).
 */
final class DemoBroker extends TestBroker {

    static final Map<String, String[]> USERS = Map.of(
            "ada", new String[] {"payments-dev"},
            "grace", new String[] {"payments-dev", "payments-leads"},
            "joan", new String[] {"payments-leads"},
            "linus", new String[] {"search-dev"},
            "root", new String[] {"latchkey-admins"},
            "eve", new String[] {});

    DemoBroker() {
        super(Instant.parse("2026-11-29T09:00:00Z"), c -> c);
    }

    /** A token for a demo user, valid for an hour from the clock's now. */
    String token(String user) {
        return issuer().token(user, USERS.get(user));
    }

    Api.Answer request(String user, Map<String, Object> body) {
        return api().post("/v1/access-requests", token(user), Api.json(body));
    }

    Api.Answer dryRun(String user, Map<String, Object> body) {
        return api().post("/v1/access-requests?dryRun=true", token(user), Api.json(body));
    }

    Api.Answer act(String user, String id, String verb, Map<String, Object> body) {
        return api().post("/v1/access-requests/" + id + ":" + verb, token(user), Api.json(body));
    }

    /** Files a request that must be accepted; returns its id. */
    String file(String user, String scope, String duration, String justification) {
        Api.Answer a = request(user, Map.of("scope", scope, "duration", duration, "justification", justification));
        if (a.status() != 201) {
            throw new AssertionError("filing failed: " + a.status() + " " + a.body());
        }
        return a.json().path("id").asText();
    }

    /** Revokes every grant anyone holds, so the next test's requests overlap none (grants may not). */
    void revokeEveryGrant() {
        for (String user : USERS.keySet()) {
            for (JsonNode g : api().get("/v1/grants", token(user)).json().path("grants")) {
                api().post("/v1/grants/" + g.path("id").asText() + ":revoke", token(user), "{}");
            }
        }
    }

    /** Values resolved for {@code user} now, by ref; refused refs map to their reason. */
    Map<String, String> resolve(String user, String... refs) {
        JsonNode answer = api().post("/v1/secrets:resolve", token(user), Api.json(Map.of("refs", List.of(refs)))).json();
        Map<String, String> out = new HashMap<>();
        answer.path("resolved").forEach(r -> out.put(r.path("ref").asText(), "value"));
        answer.path("refused").forEach(r -> out.put(r.path("ref").asText(), r.path("reason").asText()));
        return out;
    }

    /** Every audit row whose target is {@code target}: action and outcome. */
    List<String> auditOf(String target) {
        List<String> out = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = api().get("/v1/audit?limit=1000&after=" + after, token("root")).json();
            if (page.path("entries").isEmpty()) {
                return out;
            }
            for (JsonNode row : page.path("entries")) {
                if (row.path("target").asText().equals(target)) {
                    out.add(row.path("action").asText() + " " + row.path("outcome").asText());
                }
            }
            after = page.path("next").asLong();
        }
    }

    /** Every audit row, as text: for checks that no value leaked. */
    String wholeAudit() {
        StringBuilder out = new StringBuilder();
        long after = 0;
        while (true) {
            JsonNode page = api().get("/v1/audit?limit=1000&after=" + after, token("root")).json();
            if (page.path("entries").isEmpty()) {
                return out.toString();
            }
            out.append(page.path("entries"));
            after = page.path("next").asLong();
        }
    }
}
