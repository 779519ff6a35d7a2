package dev.latchkey.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.Session;
import dev.latchkey.core.guard.Finding;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.Received;
import dev.latchkey.core.internal.agent.Wire;
import dev.latchkey.core.guard.ScanReport;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/guard/staged} on a real agent socket, with the real keychain's fingerprint key
 * and a real git repository's staged diff: findings name the reference, never the value; bad and
 * oversized requests get typed errors; the call writes nothing and logs no value.
 */
class GuardScanCallTest {

    private static final String REF = "latchkey://payments/dev/stripe-api-key";
    private static final String VALUE = "sk_test_51HcGuardScanCallTestValue9x2QwErTy";

    @TempDir
    Path dir;

    private LeakGuard guard;
    private final List<String> logged = new ArrayList<>();

    @BeforeEach
    void recordOneValue() throws Exception {
        CredentialStore keychain = KeychainProbe.open();
        if (keychain.mode() instanceof StorageMode.MemoryOnly m) {
            RealParts.missing("no keychain for the guard's fingerprint key: " + m.reason());
        }
        guard = LeakGuard.builder().folder(dir.resolve("state")).credentialStore(keychain).build();
        assertThat(guard.record(List.of(new Received(REF, VALUE, Optional.empty()))).get()).isEmpty();
    }

    private AgentService service(LeakGuard g) {
        Session session = Session.builder(URI.create("http://127.0.0.1:9")).credentialStore(new InMemoryCredentialStore())
                .lockDirectory(dir.resolve("lock")).build();
        return new AgentService(session, Clock.systemUTC(), g, logged::add);
    }

    private AgentServer start(LeakGuard g) throws Exception {
        return AgentServer.start(new AgentPaths(dir.resolve("rt").resolve(AgentPaths.SOCKET)), service(g), logged::add);
    }

    @Test
    void theAgentFindsAReceivedValueInTheStagedDiffByItsReferenceAndWritesNothing() throws Exception {
        Path repo = repo(Map.of("config/app.env", "STRIPE=" + Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8)),
                "src/Main.java", "class Main { String ref = \"" + REF + "\"; }"));
        byte[] diff = stagedDiff(repo);
        Map<String, FileTime> before = files(dir.resolve("state"));
        try (AgentServer server = start(guard)) {
            ScanReport r = GuardScanClient.staged(server.paths(), repo, diff, Duration.ofSeconds(30)).orElseThrow();
            assertThat(r.fingerprintsOn()).as(r.fingerprints()).isTrue();
            assertThat(r.findings()).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo("config/app.env");
                assertThat(f.line()).isEqualTo(1);
                assertThat(f.kind()).isEqualTo(Finding.Kind.KNOWN_VALUE);
                assertThat(f.name()).isEqualTo(REF);
                assertThat(f.detail()).contains("base64");
            });
            assertThat(r.files()).isEqualTo(2);
            // The same diff again, after the agent has the key: the same answer.
            assertThat(GuardScanClient.staged(server.paths(), repo, diff, Duration.ofSeconds(30))).contains(r);
            // The answer on the wire carries no value, plain or encoded.
            String raw = RawAgent.send(server.paths().socket(), request(repo, diff));
            assertThat(raw).startsWith("HTTP/1.1 200").contains(REF)
                    .doesNotContain(VALUE, Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(files(dir.resolve("state"))).as("the guard's folder after the scans").isEqualTo(before);
        assertThat(String.join("\n", logged)).doesNotContain(VALUE);
    }

    @Test
    void aCleanDiffHasNoFindingsAndTheRepositorysRulesApply() throws Exception {
        Path repo = repo(Map.of("README.md", "Use latchkey run; nothing secret here.",
                ".latchkey-guard.toml", "[[rules]]\nid = \"house-token\"\nregex = '''house_[a-z]{12}'''\n",
                "notes.txt", "token house_abcdefghijkl"));
        try (AgentServer server = start(guard)) {
            ScanReport r = GuardScanClient.staged(server.paths(), repo, stagedDiff(repo), Duration.ofSeconds(30)).orElseThrow();
            assertThat(r.findings()).singleElement().satisfies(f -> {
                assertThat(f.name()).isEqualTo("house-token");
                assertThat(f.path()).isEqualTo("notes.txt");
            });
        }
    }

    @Test
    void badRequestsGetTypedErrorsAndTheClientFallsBack() throws Exception {
        Path repo = repo(Map.of("a.txt", "hello"));
        byte[] diff = stagedDiff(repo);
        try (AgentServer server = start(guard)) {
            Path socket = server.paths().socket();
            String noHeader = "POST /v1/guard/staged HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
            assertThat(RawAgent.send(socket, noHeader)).startsWith("HTTP/1.1 400").contains("\"bad_request\"", "Latchkey-Repository");
            String relative = "POST /v1/guard/staged HTTP/1.1\r\nLatchkey-Repository: some/where\r\nContent-Length: 3\r\n\r\nabc";
            assertThat(RawAgent.send(socket, relative)).startsWith("HTTP/1.1 400").contains("absolute path");
            String get = "GET /v1/guard/staged HTTP/1.1\r\n\r\n";
            assertThat(RawAgent.send(socket, get)).startsWith("HTTP/1.1 405").contains("\"method_not_allowed\"");
            // Oversized: refused by its length, before a byte of the body is read.
            String huge = "POST /v1/guard/staged HTTP/1.1\r\nLatchkey-Repository: " + repo + "\r\nContent-Length: "
                    + (GuardScanCall.MAX_BODY + 1) + "\r\n\r\n";
            assertThat(RawAgent.send(socket, huge)).startsWith("HTTP/1.1 413").contains("\"too_large\"",
                    "exceeds " + GuardScanCall.MAX_BODY + " bytes");
            // Other calls keep their own, smaller bound.
            String bigHello = "POST /v1/resolve HTTP/1.1\r\nContent-Length: " + (Wire.MAX_BODY + 1) + "\r\n\r\n";
            assertThat(RawAgent.send(socket, bigHello)).startsWith("HTTP/1.1 413");
            // The client does not send what the agent would refuse: the hook scans by itself.
            assertThat(GuardScanClient.staged(server.paths(), repo, new byte[GuardScanCall.MAX_BODY + 1],
                    Duration.ofSeconds(5))).isEmpty();
            // A diff that is not git's: no findings, no failure.
            assertThat(GuardScanClient.staged(server.paths(), repo, "\u0000\u00ff not a diff".getBytes(StandardCharsets.ISO_8859_1),
                    Duration.ofSeconds(5))).get().satisfies(r -> assertThat(r.found()).isFalse());
            assertThat(GuardScanClient.staged(server.paths(), repo, diff, Duration.ofSeconds(30))).isPresent();
        }
        try (AgentServer noGuard = start(null)) {
            assertThat(RawAgent.send(noGuard.paths().socket(), request(repo, diff))).startsWith("HTTP/1.1 404")
                    .contains("no leak guard");
            assertThat(GuardScanClient.staged(noGuard.paths(), repo, diff, Duration.ofSeconds(5))).isEmpty();
        }
        assertThat(GuardScanClient.staged(new AgentPaths(dir.resolve("none.sock")), repo, diff, Duration.ofSeconds(5))).isEmpty();
    }

    /** The hook script's form (Accept: text/plain): a verdict, never a finding or a value; a diff git did not finish is refused. */
    @Test
    void theHookScriptGetsAVerdictAndADiffWithoutItsClosingLineIsRefused() throws Exception {
        Path repo = repo(Map.of("config/app.env", "STRIPE=" + Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8)),
                "logo.png", "\u0000PNG"));
        byte[] diff = stagedDiff(repo);
        byte[] closed = (new String(diff, StandardCharsets.ISO_8859_1) + GuardHookAnswer.END + "\n").getBytes(StandardCharsets.ISO_8859_1);
        try (AgentServer server = start(guard)) {
            Path socket = server.paths().socket();
            String stopped = RawAgent.send(socket, request(repo, closed, "Accept: text/plain\r\n"));
            assertThat(stopped).startsWith("HTTP/1.1 200").contains("text/plain")
                    .endsWith("\r\n\r\n" + GuardHookAnswer.STOPPED + "\n").doesNotContain(VALUE, "config/app.env", REF);
            String cut = RawAgent.send(socket, request(repo, diff, "Accept: text/plain\r\n"));
            assertThat(cut).startsWith("HTTP/1.1 400").contains("\"bad_request\"", GuardHookAnswer.END).doesNotContain(VALUE);
            git(repo, "rm", "-q", "--cached", "config/app.env");
            byte[] clean = (new String(stagedDiff(repo), StandardCharsets.ISO_8859_1) + GuardHookAnswer.END + "\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertThat(RawAgent.send(socket, request(repo, clean, "Accept: text/plain\r\n"))).startsWith("HTTP/1.1 200")
                    .endsWith("\r\n\r\n" + GuardHookAnswer.CLEAN + "\nlatchkey guard: note: logo.png: binary: not scanned\n");
            byte[] nothing = (GuardHookAnswer.END + "\n").getBytes(StandardCharsets.ISO_8859_1);
            assertThat(RawAgent.send(socket, request(repo, nothing, "Accept: text/plain\r\n")))
                    .endsWith("\r\n\r\n" + GuardHookAnswer.CLEAN + "\n");
        }
        assertThat(String.join("\n", logged)).doesNotContain(VALUE);
    }

    private static byte[] request(Path repo, byte[] diff) {
        return request(repo, diff, "");
    }

    private static byte[] request(Path repo, byte[] diff, String headers) {
        byte[] head = ("POST /v1/guard/staged HTTP/1.1\r\nLatchkey-Repository: " + repo + "\r\n" + headers + "Content-Length: "
                + diff.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + diff.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(diff, 0, all, head.length, diff.length);
        return all;
    }

    private Path repo(Map<String, String> files) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "init", "-q");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = repo.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue() + "\n");
            git(repo, "add", f.getKey());
        }
        return repo.toRealPath();
    }

    private static byte[] stagedDiff(Path repo) throws Exception {
        return git(repo, "diff", "--cached", "-U0", "-M", "--no-color", "--no-ext-diff", "--diff-filter=d");
    }

    private static byte[] git(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        return out;
    }

    private static Map<String, FileTime> files(Path folder) throws IOException {
        Map<String, FileTime> all = new TreeMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                all.put(folder.relativize(p).toString(), Files.getLastModifiedTime(p));
            }
        }
        return all;
    }
}
