package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.common.CliContext;
import dev.latchkey.core.Session;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code main} opens the session of a plain {@code latchkey status} before picocli reads it, and no other. */
class StatusSessionAheadTest {

    private static final String BROKER = "http://127.0.0.1:9";

    @TempDir
    Path home;

    private final List<URI> opened = new ArrayList<>();

    private CliContext context(Map<String, String> extra) {
        Map<String, String> env = CliRun.env(home, extra);
        return new CliContext(env, home, Clock.systemUTC(), new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new ByteArrayOutputStream(), false, url -> {
                    opened.add(url);
                    return Session.builder(url).credentialStore(new InMemoryCredentialStore()).build();
                }, url -> () -> "unused", CliContext.noAgent(), () -> {
                    throw new AssertionError("status needs no leak guard");
                });
    }

    @Test
    void aPlainStatusOpensTheSessionOfItsBrokerOnce() {
        CliContext ctx = context(Map.of("LATCHKEY_BROKER", BROKER));
        StatusCommand.openSessionAhead(new String[] {"status"}, ctx);
        StatusCommand.openSessionAhead(new String[] {"--debug", "status", "--json"}, ctx);
        assertThat(opened).containsExactly(URI.create(BROKER), URI.create(BROKER));
    }

    @Test
    void theSessionOpenedAheadIsTheOneTheCommandReads() {
        Map<URI, Session> sessions = new HashMap<>();
        Map<String, String> env = CliRun.env(home, Map.of("LATCHKEY_BROKER", BROKER));
        CliContext ctx = new CliContext(env, home, Clock.systemUTC(), new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new ByteArrayOutputStream(), false,
                url -> sessions.computeIfAbsent(url, u -> {
                    opened.add(u);
                    return Session.builder(u).credentialStore(new InMemoryCredentialStore()).build();
                }), url -> () -> "unused", CliContext.noAgent(), () -> {
                    throw new AssertionError("status needs no leak guard");
                });
        StatusCommand.openSessionAhead(new String[] {"status"}, ctx);
        var out = new StringWriter();
        var err = new StringWriter();
        int code = LatchkeyCommand.execute(ctx, new PrintWriter(out), new PrintWriter(err), "status");
        assertThat(code).as(err.toString()).isEqualTo(2); // not signed in
        assertThat(out.toString()).contains("not signed in");
        assertThat(opened).containsExactly(URI.create(BROKER));
    }

    @Test
    void anythingButAPlainStatusOpensNothingAhead() {
        CliContext ctx = context(Map.of("LATCHKEY_BROKER", BROKER));
        for (String[] args : List.of(new String[] {"status", "--help"}, new String[] {"status", "-h"},
                new String[] {"--broker", BROKER, "status"}, new String[] {"--broker=" + BROKER, "status"},
                new String[] {"status", "status"}, new String[] {"login"}, new String[] {"--json"}, new String[0],
                new String[] {"status", "--version"}, new String[] {"status", "extra"})) {
            StatusCommand.openSessionAhead(args, ctx);
        }
        assertThat(opened).isEmpty();
    }

    /** What picocli reads instead of {@link StatusCommand#executePlain} (and may refuse) opens nothing ahead either. */
    @Test
    void wordsThePlainStatusRefusesOpenNothingAhead() {
        CliContext ctx = context(Map.of("LATCHKEY_BROKER", BROKER));
        for (String[] args : List.of(new String[] {"status", "--json", "--json"}, new String[] {"--json", "status"},
                new String[] {"--debug", "status", "--debug"}, new String[] {"--debug", "--debug", "status"})) {
            assertThat(StatusCommand.plain(args)).as(String.join(" ", args)).isEmpty();
            StatusCommand.openSessionAhead(args, ctx);
            assertThat(opened).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void noBrokerKnownOpensNothingAndThrowsNothing() {
        StatusCommand.openSessionAhead(new String[] {"status"}, context(Map.of()));
        assertThat(opened).isEmpty();
    }

    @Test
    void anAgentsSocketLeavesTheKeychainToTheAgentUnlessTheAgentIsOff() throws Exception {
        Path socket = home.resolve("agent.sock");
        Files.createFile(socket);
        StatusCommand.openSessionAhead(new String[] {"status"},
                context(Map.of("LATCHKEY_BROKER", BROKER, "LATCHKEY_AGENT_SOCKET", socket.toString())));
        assertThat(opened).isEmpty();
        StatusCommand.openSessionAhead(new String[] {"status"}, context(Map.of("LATCHKEY_BROKER", BROKER,
                "LATCHKEY_AGENT_SOCKET", socket.toString(), "LATCHKEY_AGENT", "off")));
        assertThat(opened).containsExactly(URI.create(BROKER));
    }
}
