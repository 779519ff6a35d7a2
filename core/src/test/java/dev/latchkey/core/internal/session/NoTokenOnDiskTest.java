package dev.latchkey.core.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.core.Session;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.testsupport.MutableClock;
import dev.latchkey.testsupport.devidp.DevSignIn;
import dev.latchkey.testsupport.keycloak.KeycloakServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Security invariant 1: a sign-in and a refresh write no token to any file. Every file under
 * {@code $HOME}, the temporary folder and the working folder that changed while the flow ran is
 * searched for the tokens' bytes afterwards. The keychain (gnome-keyring in CI) keeps its own
 * encrypted file; plaintext tokens must not appear in it either.
 */
class NoTokenOnDiskTest {

    private static final long MAX_FILE = 64L * 1024 * 1024;

    /** With {@code oneCommand}, as the CLI keeps a session: each entry read once and remembered in memory. */
    @ParameterizedTest(name = "one command: {0}")
    @ValueSource(booleans = {false, true})
    void aSignInAndARefreshLeaveNoTokenInAnyFile(boolean oneCommand) throws Exception {
        Instant start = Instant.now().minusSeconds(2);
        MutableClock clock = MutableClock.atNow();
        CredentialStore store = KeychainProbe.open();
        Path locks = Files.createTempDirectory("latchkey-locks");
        String access1;
        String access2;
        String refresh1;
        String refresh2;
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev().withClock(clock)
                .withDevTokenTtl(Duration.ofMinutes(5)))) {
            Session.Builder builder = Session.builder(broker.url()).credentialStore(store).clock(clock).lockDirectory(locks)
                    .pause(d -> clock.advance(d));
            Session session = (oneCommand ? builder.oneCommand() : builder).build();
            User user = session.signIn(p -> DevSignIn.approve(broker.url(), p.userCode(), "ada"));
            CredentialKey refreshKey = CredentialKey.of(broker.url(), user.subject(), "refresh-token");
            access1 = session.accessToken();
            refresh1 = store.read(refreshKey).orElseThrow();
            clock.advance(Duration.ofMinutes(6));
            access2 = session.accessToken();
            refresh2 = store.read(refreshKey).orElseThrow();
            session.signOut();
        }
        assertThat(access2).isNotEqualTo(access1);
        assertThat(refresh2).isNotEqualTo(refresh1);

        List<byte[]> needles = new ArrayList<>();
        for (String token : List.of(access1, access2, refresh1, refresh2)) {
            // A JWT's signature part is the most distinctive run of it; an opaque token is searched whole.
            String[] parts = token.split("\\.");
            needles.add(parts[parts.length - 1].getBytes(StandardCharsets.UTF_8));
        }
        Set<Path> roots = Set.of(Path.of(System.getProperty("user.home")), Path.of(System.getProperty("java.io.tmpdir")),
                Path.of("").toAbsolutePath());
        List<String> offenders = new ArrayList<>();
        int[] scanned = {0};
        for (Path root : roots) {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    // Keycloak's own database and logs belong to the IdP, not to Latchkey.
                    return dir.equals(KeycloakServer.cacheFolder()) || dir.getFileName() != null
                            && dir.getFileName().toString().equals(".git") ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && attrs.size() <= MAX_FILE
                            && attrs.lastModifiedTime().compareTo(FileTime.from(start)) >= 0) {
                        scanned[0]++;
                        try {
                            byte[] content = Files.readAllBytes(file);
                            for (byte[] needle : needles) {
                                if (indexOf(content, needle) >= 0) {
                                    offenders.add(file.toString());
                                }
                            }
                        } catch (IOException unreadable) {
                            // a file another process is replacing; not Latchkey's
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        System.out.println("NO-TOKEN-ON-DISK: scanned " + scanned[0] + " files changed during the flow under " + roots
                + " (keychain: " + store.mode().describe() + ")");
        assertThat(scanned[0]).as("the scan saw the files the run changed").isPositive();
        assertThat(offenders).as("files holding a token").isEmpty();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
