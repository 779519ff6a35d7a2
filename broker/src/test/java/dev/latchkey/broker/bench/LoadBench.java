package dev.latchkey.broker.bench;

import dev.latchkey.broker.testing.TestIssuer;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker under bounded load from loopback clients, as the server binary runs for a team:
 * one broker on its embedded database, one on PostgreSQL, three on one PostgreSQL. Per setup,
 * each phase runs a fixed time after a warm-up: resolves, sandbox-token mints, resolves again
 * with 1,000 idle event streams held open, and access requests an auto-approval rule approves.
 * Prints throughput, p50/p99/p99.9 latency, errors and the brokers' memory. Run it with
 * {@code bench/broker-load.sh}, which builds the jar and makes a throwaway PostgreSQL.
 */
public final class LoadBench {

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        Path jar = Path.of(o.getOrDefault("jar", "broker/target/latchkey-broker.jar"));
        Duration length = Duration.ofSeconds(Long.parseLong(o.getOrDefault("seconds", "60")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup", "15")));
        int clients = Integer.parseInt(o.getOrDefault("clients", "16"));
        int streams = Integer.parseInt(o.getOrDefault("streams", "1000"));
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + o.getOrDefault("broker-heap", "256m")));
        if (o.containsKey("broker-jvm")) {
            jvm.addAll(List.of(o.get("broker-jvm").strip().split("\\s+")));
        }
        List<String> setups = List.of(o.getOrDefault("setups", "embedded,postgres,replicas3").split(","));
        List<String> phases = List.of(o.getOrDefault("phases", "resolve,mint,streams,request").split(","));
        String postgres = o.get("postgres");
        Path work = Files.createTempDirectory("latchkey-load");
        System.out.printf("load bench: %d s per phase after %d s warm-up, %d clients, %d streams, brokers %s;"
                + " logs in %s%n", length.toSeconds(), warmup.toSeconds(), clients, streams, jvm, work);
        List<String> table = new ArrayList<>(List.of(
                "| setup | phase | calls/s | p50 ms | p99 ms | p99.9 ms | errors | broker RSS MiB |",
                "|---|---|---:|---:|---:|---:|---:|---|"));
        try (TestIssuer issuer = new TestIssuer(Clock.systemUTC())) {
            for (String setup : setups) {
                String database;
                int replicas = setup.equals("replicas3") ? 3 : 1;
                if (setup.equals("embedded")) {
                    database = "jdbc:h2:file:" + work.resolve("embedded").resolve("broker");
                } else if (postgres == null) {
                    System.out.printf("%s: skipped (no PostgreSQL; the script starts one when initdb is there)%n", setup);
                    continue;
                } else {
                    database = LoadSetup.freshDatabase(postgres, "load_" + setup);
                }
                try (LoadSetup s = LoadSetup.start(issuer, jar, work, setup, database, replicas, jvm)) {
                    for (String row : run(setup, s, phases, clients, warmup, length, streams)) {
                        table.add(row);
                        System.out.println(row);
                    }
                }
            }
        }
        System.out.println();
        table.forEach(System.out::println);
    }

    private static List<String> run(String setup, LoadSetup s, List<String> phases, int clients, Duration warmup,
            Duration length, int streamCount) throws Exception {
        List<URI> urls = s.urls();
        String name = setup + " (" + urls.size() + " broker" + (urls.size() > 1 ? "s" : "") + ")";
        List<String> rows = new ArrayList<>();
        LoadPhase.Call resolve = (http, w, n) -> {
            KeepAliveHttp.Answer a = http.post("/v1/secrets:resolve", s.users.get((int) (n % LoadSetup.USERS)),
                    "{\"refs\":[\"latchkey://load/dev/s-" + (1 + n % LoadSetup.SECRETS) + "\"]}");
            return a.status() == 200 && a.body().contains("\"refused\":[]");
        };
        if (phases.contains("resolve")) {
            rows.add(row(name, LoadPhase.run("resolve (1 ref)", urls, clients, warmup, length, resolve), s));
        }
        if (phases.contains("mint")) {
            rows.add(row(name, LoadPhase.run("sandbox-token mint", urls, clients, warmup, length, (http, w, n) -> {
                KeepAliveHttp.Answer a = http.post("/v1/sandbox-tokens", s.users.get((int) (n % LoadSetup.USERS)),
                        "{\"sandbox\":\"load-sandbox\",\"ttl\":\"5m\"}");
                return a.status() == 201;
            }), s));
        }
        if (phases.contains("streams")) {
            streamsPhase(name, s, resolve, clients, length, streamCount, rows);
        }
        if (phases.contains("request")) {
            requestPhase(name, s, clients, warmup, length, rows);
        }
        return rows;
    }

    private static void streamsPhase(String name, LoadSetup s, LoadPhase.Call resolve, int clients, Duration length,
            int streamCount, List<String> rows) throws Exception {
        List<URI> urls = s.urls();
        try (IdleStreams streams = IdleStreams.open(urls, s.watchers, streamCount)) {
            LoadPhase.Result beside = LoadPhase.run("resolve, " + streamCount + " streams open", urls, clients,
                    Duration.ZERO, length, resolve);
            rows.add(row(name, beside, s));
            List<String> heaps = new ArrayList<>();
            for (BrokerProcess b : s.brokers) {
                heaps.add(Long.toString(BrokerMemory.heapAfterGcMib(b)));
            }
            rows.add(String.format("| %s | %d event streams: %d held to the end, %d refused | | | | | | heap after GC"
                    + " %s MiB; RSS %s |", name, streamCount, streams.stillOpen(), streams.refused(),
                    String.join(", ", heaps), rss(s)));
        }
    }

    /** Last: the grants it makes warn and end later, which would wake the streams of the phase before. */
    private static void requestPhase(String name, LoadSetup s, int clients, Duration warmup, Duration length,
            List<String> rows) throws Exception {
        List<URI> urls = s.urls();
        rows.add(row(name, LoadPhase.run("request, auto-approved", urls, clients, warmup, length, (http, w, n) -> {
            // Each user asks for each scope once: n walks the pairs, so a held grant is never asked for
            // again (that is a 409 already_granted). 500,000 pairs outlast a phase at 5,000 a second.
            String scope = String.format("load/r-%04d", (n / LoadSetup.USERS) % LoadSetup.REQUEST_SCOPES);
            KeepAliveHttp.Answer a = http.post("/v1/access-requests", s.users.get((int) (n % LoadSetup.USERS)),
                    "{\"scope\":\"" + scope + "\",\"duration\":\"10m\",\"justification\":\"load bench\"}");
            return a.status() == 201 && a.body().contains("\"state\":\"approved\"");
        }), s));
    }

    private static String row(String setup, LoadPhase.Result r, LoadSetup s) throws Exception {
        return String.format("| %s | %s | %.0f | %.1f | %.1f | %.1f | %d | %s |", setup, r.name(), r.perSecond(),
                r.latencies().percentileMillis(50), r.latencies().percentileMillis(99),
                r.latencies().percentileMillis(99.9), r.errors(), rss(s));
    }

    private static String rss(LoadSetup s) throws Exception {
        List<String> out = new ArrayList<>();
        for (BrokerProcess b : s.brokers) {
            out.add(Long.toString(BrokerMemory.rssMib(b)));
        }
        return String.join(", ", out);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }
}
