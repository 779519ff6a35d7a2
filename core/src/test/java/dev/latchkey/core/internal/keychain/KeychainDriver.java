package dev.latchkey.core.internal.keychain;

import dev.latchkey.core.Session;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainPrompt;
import dev.latchkey.core.keychain.KeychainPromptListener;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Latchkey process on a test's private desktop: it opens the keychain as the CLI and the app
 * do, then runs commands read from stdin, one per line, and answers each with one line starting
 * with {@code "= "}. Prompts the keychain shows while it works are reported on lines starting
 * with {@code "prompt "}. Secrets it writes are given to it; it reports digests of tokens, never
 * tokens.
 *
 * <pre>
 * open [BOUND-MS]              = mode Keychain|MemoryOnly &lt;how StorageMode describes it&gt;
 * write ACCOUNT VALUE          = ok          (under the service given as the first argument)
 * read ACCOUNT                 = value VALUE | = absent
 * delete ACCOUNT               = ok
 * login BROKER USER            = signed-in SUBJECT
 * status BROKER                = user NAME | = nobody
 * token BROKER                 = token SHA-256
 * expire BROKER                = ok          (the stored access token now looks expired)
 * logout BROKER                = ok
 * </pre>
 * Any failure answers {@code = error <exception class> <message>}.
 */
public final class KeychainDriver {

    private static final PrintStream OUT = System.out;

    private KeychainDriver() {
    }

    /** Arguments: the service raw entries go under, and the folder for refresh lock files. */
    public static void main(String[] args) throws Exception {
        String service = args[0];
        Path locks = Path.of(args[1]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        CredentialStore store = null;
        Map<URI, Session> sessions = new ConcurrentHashMap<>();
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.split(" ", 3);
            try {
                if (w[0].equals("open") || w[0].equals("open-for-reads")) {
                    Duration bound = w.length > 1 ? Duration.ofMillis(Long.parseLong(w[1])) : KeychainProbe.DEFAULT_BOUND;
                    KeychainPromptListener prompts = new KeychainPromptListener() {
                        @Override
                        public void waiting(KeychainPrompt prompt) {
                            say("prompt " + prompt.kind() + " " + prompt.message());
                        }

                        @Override
                        public void ended(KeychainPrompt prompt) {
                            say("prompt-ended " + prompt.kind());
                        }
                    };
                    store = w[0].equals("open") ? KeychainProbe.open(bound, prompts) : KeychainProbe.openForReads(bound, prompts);
                    say("= mode " + store.mode().getClass().getSimpleName() + " " + store.mode().describe());
                    continue;
                }
                CredentialStore s = store;
                Session session = w.length > 1 && w[1].startsWith("http")
                        ? sessions.computeIfAbsent(URI.create(w[1]), url -> Session.builder(url).credentialStore(s)
                                .lockDirectory(locks).pause(d -> { }).build())
                        : null;
                say("= " + run(w, service, s, session));
            } catch (Exception e) {
                say("= error " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }
        System.exit(0);
    }

    private static String run(String[] w, String service, CredentialStore store, Session session) throws Exception {
        return switch (w[0]) {
            case "write" -> {
                store.write(new CredentialKey(service, w[1]), w[2]);
                yield "ok";
            }
            case "read" -> store.read(new CredentialKey(service, w[1])).map(v -> "value " + v).orElse("absent");
            case "delete" -> {
                store.delete(new CredentialKey(service, w[1]));
                yield "ok";
            }
            case "login" -> {
                URI broker = session.brokerUrl();
                User user = session.signIn(p -> DevSignIn.approve(broker, p.userCode(), w[2]));
                yield "signed-in " + user.subject();
            }
            case "status" -> session.currentUser().map(u -> "user " + u.name()).orElse("nobody");
            case "token" -> "token " + sha256(session.accessToken());
            case "expire" -> {
                User user = session.currentUser().orElseThrow();
                store.write(CredentialKey.of(session.brokerUrl(), user.subject(), "access-token"),
                        "{\"token\":\"" + session.accessToken() + "\",\"expiresAt\":1}");
                yield "ok";
            }
            case "logout" -> {
                session.signOut();
                yield "ok";
            }
            default -> throw new IllegalArgumentException("unknown command " + w[0]);
        };
    }

    private static synchronized void say(String line) {
        OUT.println(line);
        OUT.flush();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
