package dev.latchkey.broker.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.broker.testing.Api;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 50 clients, each with its own HTTP connection, approve, deny and cancel the same requests at
 * the same moment. Each request ends in exactly one final state, decided by exactly one of them,
 * with exactly one audit row for that decision; every other client is told 409.
 */
class ConcurrentDecisionsTest {

    static final int CLIENTS = 50;
    static final int REQUESTS = 12;

    @RegisterExtension
    static final DemoBroker org = new DemoBroker();

    record Attempt(String requestId, String verb, int status, String state) {
    }

    @Test
    void everyRequestEndsInExactlyOneStateWithOneAuditRowPerTransition() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            ids.add(org.file("ada", "payments/prod", "1h", "PAY-" + (100 + i) + " concurrent review"));
        }
        // Clients 0..19 approve (joan or grace), 20..39 deny, 40..49 are ada cancelling.
        List<String> verbs = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            verbs.add(c < 20 ? "approve" : c < 40 ? "deny" : "cancel");
            tokens.add(org.token(c >= 40 ? "ada" : c % 2 == 0 ? "joan" : "grace"));
        }
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                List<String> order = new ArrayList<>(ids);
                Collections.shuffle(order, new Random(client));
                try (Api api = new Api(org.broker().url())) {
                    go.await();
                    for (String id : order) {
                        String verb = verbs.get(client);
                        String body = verb.equals("deny") ? Api.json(Map.of("reason", "client " + client)) : "{}";
                        Api.Answer a = api.post("/v1/access-requests/" + id + ":" + verb, tokens.get(client), body);
                        attempts.add(new Attempt(id, verb, a.status(),
                                a.status() == 200 ? a.json().path("state").asText() : a.json().path("error").asText()));
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(attempts).hasSize(CLIENTS * REQUESTS);
        Map<String, String> winners = new ConcurrentHashMap<>();
        for (String id : ids) {
            List<Attempt> mine = attempts.stream().filter(a -> a.requestId().equals(id)).toList();
            List<Attempt> won = mine.stream().filter(a -> a.status() == 200).toList();
            assertThat(won).as("winners for %s", id).hasSize(1);
            assertThat(mine.stream().filter(a -> a.status() != 200))
                    .allSatisfy(a -> assertThat(a.status()).isEqualTo(409));
            winners.put(id, won.getFirst().state());

            JsonNode now = org.api().get("/v1/access-requests/" + id, org.token("ada")).json();
            assertThat(now.path("state").asText()).isEqualTo(won.getFirst().state());
            assertThat(now.path("grant").isNull()).isEqualTo(!now.path("state").asText().equals("approved"));
            String action = switch (now.path("state").asText()) {
                case "approved" -> "request.approve approved";
                case "denied" -> "request.deny denied";
                case "cancelled" -> "request.cancel cancelled";
                default -> throw new AssertionError("unexpected final state " + now);
            };
            assertThat(org.auditOf(id)).containsExactly("request.create pending", action);
        }
        assertThat(org.wholeAudit()).isNotEmpty();
        System.out.println("concurrent decisions: final states " + winners.values().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting())));
    }
}
