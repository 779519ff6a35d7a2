package dev.latchkey.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.process.ChildStarter;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.SandboxRequest;
import dev.latchkey.testsupport.keycloak.KeycloakServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.latchkey.testsupport.MutableClock;

/**
 * Security invariants 1 to 3 on the offline path: a sandbox token kept in the keychain and given
 * to a launch while the broker is down reaches the child's environment, and no file (the launch
 * log, anything under the home, temporary and working folders changed meanwhile), no notice or
 * output line, no argv and no exception message.
 */
class OfflineTokenLeavesNoTraceTest {

    private static final long MAX_FILE = 64L * 1024 * 1024;

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<String> notices = new CopyOnWriteArrayList<>();

    @Test
    void theKeptTokenReachesOnlyTheChildsEnvironment() throws Exception {
        Instant start = Instant.now().minusSeconds(2);
        OfflineFixture.Kept kept = new OfflineFixture(clock, notices, () -> folder).keptWhileOnline();
        String token = kept.token().token();
        clock.advance(Duration.ofMinutes(1));

        // The child proves it got the token by its hash, and shows its own argv (sh's, then a child's).
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path log = folder.resolve("state/launches.jsonl");
        LaunchSettings settings = LaunchSettings.builder().source(kept.source()).starter(ChildStarter.pipesWithInput())
                .out(out).err(err).notices(notices::add).clock(clock).log(new LaunchLog(log))
                .parentEnv(Map.of("PATH", System.getenv("PATH"))).cwd(folder).build();
        LaunchProfile profile = LaunchProfile.forCommand(List.of("sh", "-c",
                "printf %s \"$T\" | sha256sum; tr '\\0' ' ' < /proc/$$/cmdline; echo; sh -c 'tr \"\\0\" \" \" < /proc/$$/cmdline'"))
                .plusSandboxes(Map.of("T", OfflineFixture.PAYMENTS_10M));
        Launch.Outcome outcome = new Launch(profile, settings).run();
        assertThat(outcome).isInstanceOf(Launch.Outcome.Exited.class);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).as("the child got the kept token").contains(sha256(token))
                .as("and its argv is the profile's command").contains("sh -c printf %s");

        List<String> said = new ArrayList<>(notices);
        said.add(printed);
        said.add(err.toString(StandardCharsets.UTF_8));
        // What fails offline fails with a message and a cause chain naming no token.
        said.addAll(failure(kept.source(), Set.of(SecretRef.parse("latchkey://payments/dev/db-url")),
                Map.of("T", OfflineFixture.PAYMENTS_10M)));
        said.addAll(failure(kept.source(), Set.of(), Map.of("T", new SandboxRequest("staging-sandbox", Duration.ofMinutes(5)))));
        Resolution.Granted granted = OfflineFixture.granted(kept.source().resolve(Set.of(), Map.of("T", OfflineFixture.PAYMENTS_10M)));
        said.add(granted.toString());
        said.add(granted.offline().orElseThrow().toString());
        said.add(granted.offline().orElseThrow().inWords());
        assertThat(said).as("notices, output, messages and descriptions").noneMatch(s -> s.contains(token));
        assertThat(Files.readString(log)).as("the launch log").isNotEmpty().doesNotContain(token);

        List<String> holding = new ArrayList<>();
        int scanned = 0;
        for (Path root : List.of(Path.of(System.getProperty("user.home")), Path.of(System.getProperty("java.io.tmpdir")),
                Path.of("").toAbsolutePath(), folder)) {
            for (Path f : changedSince(root, start)) {
                scanned++;
                if (contains(f, token)) {
                    holding.add(f.toString());
                }
            }
        }
        assertThat(scanned).as("the scan saw the files the launch wrote").isPositive();
        assertThat(holding).as("files holding the kept token").isEmpty();
        kept.session().signOut();
    }

    /** The messages and descriptions of the failure of an offline launch that cannot start, with its causes. */
    private static List<String> failure(SecretSource source, Set<SecretRef> refs, Map<String, SandboxRequest> wanted) {
        List<String> words = new ArrayList<>();
        try {
            source.resolve(refs, wanted);
            throw new AssertionError("an offline launch of " + wanted + " with " + refs + " should not start");
        } catch (BrokerException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                words.add(String.valueOf(t.getMessage()));
                words.add(t.toString());
            }
        }
        assertThat(words).isNotEmpty();
        return words;
    }

    private static List<Path> changedSince(Path root, Instant start) throws IOException {
        List<Path> changed = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                // Keycloak's own database and logs belong to the IdP, not to Latchkey.
                return dir.equals(KeycloakServer.cacheFolder()) || dir.getFileName() != null
                        && dir.getFileName().toString().equals(".git") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && attrs.size() <= MAX_FILE && attrs.lastModifiedTime().compareTo(FileTime.from(start)) >= 0) {
                    changed.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE; // another process's file, gone or unreadable
            }
        });
        return changed;
    }

    private static boolean contains(Path file, String token) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(token);
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
