package dev.latchkey.cli;

import dev.latchkey.cli.common.CliContext;
import dev.latchkey.core.Session;
import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Runs the CLI in this JVM with its own HOME, folder and streams, and keeps what it printed. */
public final class CliRun {

    public final int exitCode;
    public final String out;
    public final String err;
    public final String childOut;
    public final String childErr;

    private CliRun(int exitCode, String out, String err, String childOut, String childErr) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
        this.childOut = childOut;
        this.childErr = childErr;
    }

    /** The environment a test run sees: this JVM's, with HOME and the state folder under {@code home}. */
    public static Map<String, String> env(Path home, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("LATCHKEY_") || k.startsWith("XDG_"));
        env.put("HOME", home.toString());
        env.putAll(extra);
        return env;
    }

    /**
     * One user's machine: a HOME, an environment and a session store (in memory) that several
     * CLI runs share, as a keychain would. Sessions are core's real ones.
     */
    public static final class World {
        private final Path home;
        private final Map<String, String> env;
        private final Map<URI, Session> sessions = new ConcurrentHashMap<>();
        private final CredentialStore store;
        private final Function<URI, BearerToken> tokens;
        public final StringWriter liveErr = new StringWriter();

        /** A world whose broker calls use the session (null) or a given token. */
        public World(Path home, Map<String, String> extraEnv, BearerToken token) {
            this(home, extraEnv, token, new InMemoryCredentialStore());
        }

        /** A world whose sessions live in {@code store} (such as the real keychain). */
        public World(Path home, Map<String, String> extraEnv, BearerToken token, CredentialStore store) {
            this.store = store;
            this.home = home;
            this.env = env(home, extraEnv);
            this.tokens = token != null ? url -> token : url -> session(url).bearerToken();
        }

        public Session session(URI url) {
            return sessions.computeIfAbsent(url, u -> Session.builder(u).credentialStore(store)
                    .lockDirectory(home.resolve("run")).build());
        }

        public CliRun run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            ByteArrayOutputStream childOut = new ByteArrayOutputStream();
            ByteArrayOutputStream childErr = new ByteArrayOutputStream();
            CliContext ctx = new CliContext(env, home, Clock.systemUTC(), new ByteArrayInputStream(new byte[0]),
                    childOut, childErr, false, this::session, tokens, CliContext.noAgent(), () -> LeakGuard.forEnvironment(env));
            // As main runs them: a daily launch without picocli's model, every other command through it.
            int code = LatchkeyCommand.execute(ctx, new PrintWriter(out, true), new PrintWriter(new TeeWriter(err, liveErr), true),
                    args);
            return new CliRun(code, out.toString(), err.toString(), childOut.toString(StandardCharsets.UTF_8),
                    childErr.toString(StandardCharsets.UTF_8));
        }
    }

    public static CliRun of(Path home, Map<String, String> extraEnv, BearerToken session, String... args) {
        return new World(home, extraEnv, session).run(args);
    }

    /** Nobody signed in: broker calls go through core's real (empty) session. */
    public static CliRun of(Path home, String... args) {
        return new World(home, Map.of(), null).run(args);
    }

    private static final class TeeWriter extends Writer {
        private final StringWriter a;
        private final StringWriter b;

        TeeWriter(StringWriter a, StringWriter b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            a.write(cbuf, off, len);
            b.write(cbuf, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nout: " + out + "\nerr: " + err + "\nchild out: " + childOut + "\nchild err: " + childErr;
    }
}
