package dev.latchkey.broker.replicas;

import dev.latchkey.broker.events.JdbcEventJournal;
import dev.latchkey.broker.replicas.EventTail.Heard;
import dev.latchkey.broker.testing.PostgresCluster;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One broker against three, on one PostgreSQL, in alternating rounds (1 3 1 3 ...): reviewed
 * requests filed and approved by concurrent clients spread over the replicas, with each client's
 * event stream on another replica than its approvals. Prints per round and the medians: decisions
 * per second, approval latency p50/p99, and the time from an approval's answer to its
 * {@code request.decided} event on the client's stream (p50/p99), with the 3-over-1 ratios.
 *
 * <pre>java ... ReplicaBench [rounds] [seconds per round] [clients]</pre>
 * Run by {@code bench/replica-bench.sh}.
 */
public final class ReplicaBench {

    /** Production-like JVMs for the brokers: the full JIT, a modest heap. */
    static final List<String> JVM = List.of("-Xmx512m");

    record Round(int replicas, double decisionsPerSecond, long approveP50, long approveP99, long deliveryP50,
            long deliveryP99, int errors) {
    }

    private ReplicaBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Duration length = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 15);
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        if (!Files.exists(ReplicaSet.JAR)) {
            throw new IllegalStateException("no " + ReplicaSet.JAR.toAbsolutePath() + ": build the broker first");
        }
        System.out.printf("replica bench: %d rounds of %d s, %d clients, %d cores, broker JVM %s%n", rounds,
                length.toSeconds(), clients, Runtime.getRuntime().availableProcessors(), JVM);
        List<Round> one = new ArrayList<>();
        List<Round> three = new ArrayList<>();
        try (PostgresCluster postgres = PostgresCluster.start()) {
            for (int r = 0; r < rounds; r++) {
                for (int n : new int[] {1, 3}) {
                    Round round = round(postgres, n, length, clients);
                    (n == 1 ? one : three).add(round);
                    System.out.printf(Locale.ROOT, "round %d, %d replica%s: %.1f decisions/s, approve p50 %d ms p99 %d ms,"
                            + " event on stream p50 %d ms p99 %d ms, %d errors%n", r + 1, n, n == 1 ? "" : "s",
                            round.decisionsPerSecond(), round.approveP50(), round.approveP99(), round.deliveryP50(),
                            round.deliveryP99(), round.errors());
                }
            }
        }
        Round a = median(one);
        Round b = median(three);
        System.out.println();
        System.out.println("| medians of " + rounds + " rounds | 1 replica | 3 replicas | 3 / 1 |");
        System.out.println("|---|---|---|---|");
        row("decisions per second", a.decisionsPerSecond(), b.decisionsPerSecond());
        row("approve p50 (ms)", a.approveP50(), b.approveP50());
        row("approve p99 (ms)", a.approveP99(), b.approveP99());
        row("approval to event on the stream, p50 (ms)", a.deliveryP50(), b.deliveryP50());
        row("approval to event on the stream, p99 (ms)", a.deliveryP99(), b.deliveryP99());
        System.out.printf("errors: %d and %d%n", one.stream().mapToInt(Round::errors).sum(),
                three.stream().mapToInt(Round::errors).sum());
    }

    private static Round round(PostgresCluster postgres, int n, Duration length, int clients) throws Exception {
        try (ReplicaSet set = ReplicaSet.start(postgres, false, postgres.newDatabase(), n, JVM)) {
            Calls calls = new Calls(set::urls);
            String lead = set.token("lead", "leads");
            List<EventTail> tails = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<Future<Map<String, Calls.Answer>>> work = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    String dev = set.token("dev" + c, "devs");
                    tails.add(new EventTail(set::urls, c + 2, () -> dev));
                    int first = c;
                    work.add(pool.submit(() -> decide(calls, first, dev, lead, stop)));
                }
                Thread.sleep(3_000); // warm-up, not counted
                long t0 = System.nanoTime();
                Instant from = Instant.now();
                Thread.sleep(length.toMillis());
                Instant to = Instant.now();
                double seconds = (System.nanoTime() - t0) / 1e9;
                stop.set(true);
                List<Long> approve = new ArrayList<>();
                List<Long> delivery = new ArrayList<>();
                int errors = 0;
                long decided = 0;
                // The last events reach streams on other replicas within the backstop poll.
                Thread.sleep(JdbcEventJournal.BACKSTOP_POLL.toMillis() + 1_000);
                for (int c = 0; c < clients; c++) {
                    Map<String, Calls.Answer> approvals = work.get(c).get();
                    Map<String, Instant> heard = new HashMap<>();
                    for (Heard h : tails.get(c).heard()) {
                        if (h.type().equals("request.decided")) {
                            heard.put(h.data().path("requestId").asText(), h.at());
                        }
                    }
                    for (Map.Entry<String, Calls.Answer> e : approvals.entrySet()) {
                        Calls.Answer a = e.getValue();
                        if (a.status() != 200) {
                            errors++;
                            continue;
                        }
                        if (a.sentAt().isBefore(from) || a.receivedAt().isAfter(to)) {
                            continue;
                        }
                        decided++;
                        approve.add(Duration.between(a.sentAt(), a.receivedAt()).toMillis());
                        Instant h = heard.get(e.getKey());
                        if (h == null) {
                            errors++;
                        } else {
                            delivery.add(Math.max(0, Duration.between(a.receivedAt(), h).toMillis()));
                        }
                    }
                }
                return new Round(n, decided / seconds, pct(approve, 50), pct(approve, 99), pct(delivery, 50),
                        pct(delivery, 99), errors);
            } finally {
                stop.set(true);
                tails.forEach(EventTail::close);
            }
        }
    }

    /** One client: file a reviewed request through one replica, approve it through the next, again. */
    private static Map<String, Calls.Answer> decide(Calls calls, int first, String dev, String lead, AtomicBoolean stop) {
        Map<String, Calls.Answer> approvals = new HashMap<>();
        for (int k = first; !stop.get(); k++) {
            Calls.Answer filed = calls.post(k, "/v1/access-requests", dev, Map.of("scope", "team/prod",
                    "justification", "bench " + k, "duration", "30m"));
            if (filed.status() != 201) {
                approvals.put("failed-" + k, filed);
                continue;
            }
            String id = filed.body().path("id").asText();
            Calls.Answer approved = calls.post(k + 1, "/v1/access-requests/" + id + ":approve", lead, Map.of());
            approvals.put(id, approved);
            if (approved.status() == 200) {
                // Give the grant back: a person holding the scope is refused another request for it.
                calls.post(k + 2, "/v1/grants/" + approved.body().path("grant").path("id").asText() + ":revoke", dev,
                        Map.of("reason", "bench"));
            }
        }
        return approvals;
    }

    private static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static Round median(List<Round> rounds) {
        return new Round(rounds.getFirst().replicas(),
                med(rounds.stream().map(Round::decisionsPerSecond).toList()),
                (long) med(rounds.stream().map(r -> (double) r.approveP50()).toList()),
                (long) med(rounds.stream().map(r -> (double) r.approveP99()).toList()),
                (long) med(rounds.stream().map(r -> (double) r.deliveryP50()).toList()),
                (long) med(rounds.stream().map(r -> (double) r.deliveryP99()).toList()),
                rounds.stream().mapToInt(Round::errors).sum());
    }

    private static double med(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void row(String what, double one, double three) {
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", what, one, three, one == 0 ? 0 : three / one);
    }
}
