package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.agent.AgentHost;
import dev.latchkey.app.common.BothSizes;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.NaturalFolders;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.core.agent.AgentCalls;
import dev.latchkey.core.agent.AgentClient;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The app hosts the local agent in the real window under Xvfb: ada signs in and the app serves
 * commands on the socket (Settings says so), the values it serves reach no file, and signing out
 * ends the agent (Settings says it is not running).
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class AgentWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private BrokerProcess broker;
    private AppComposition app;
    private NaturalFolders natural;
    private final TestSessions sessions = TestSessions.inMemory();

    @AfterEach
    void close(FxRobot robot) throws Exception {
        AppWindow.close(robot, app, sessions, broker, natural);
    }

    @Test
    void signedInTheAppServesTheAgentWithoutWritingWhatItServesAndSigningOutEndsIt(FxRobot robot) throws Exception {
        broker = DevBroker.start();
        natural = new NaturalFolders(root);
        LocalFolders folders = natural.withNaturalSocket(LocalFolders.under(root.resolve("latchkey")));
        app = AppWindow.openOnSignIn(robot, broker.url(), folders, sessions);
        Stage stage = app.parts().window().stage();
        assertThat(app.parts().agent().state().get()).as("nobody signed in yet").isEqualTo(AgentHost.State.STOPPED);
        long since = System.currentTimeMillis();
        AppWindow.approve(robot, broker.url(), "ada");
        await().atMost(WAIT).until(() -> app.parts().agent().state().get() == AgentHost.State.SERVING);

        // A command of this user, over the socket, as the CLI asks.
        AgentClient client = AgentClient.probe(folders.agentPaths(), Duration.ofSeconds(5)).orElseThrow();
        assertThat(client.pid()).isEqualTo(ProcessHandle.current().pid());
        Set<SecretRef> refs = Set.of(SecretRef.parse("latchkey://payments/dev/db-url"),
                SecretRef.parse("latchkey://payments/dev/stripe-api-key"));
        Resolution answer = new AgentCalls(client).resolve(broker.url(), refs, Map.of());
        assertThat(answer).isInstanceOf(Resolution.Granted.class);
        List<String> values = ((Resolution.Granted) answer).secrets().values().stream().map(ResolvedSecret::value).toList();
        assertThat(values).hasSize(2).allSatisfy(v -> assertThat(v).hasSizeGreaterThan(8));
        String token = new AgentCalls(client).accessToken(broker.url());
        assertThat(noneIn(root, since, values, token)).as("files written that hold a served value or the token").isEmpty();

        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, "#agent-state").tryQuery().isPresent());
        assertThat(AppWindow.text(robot, "#agent-state")).isEqualTo("Serving this user's latchkey commands on "
                + folders.agentPaths().socket() + " (one keychain read and one token refresh for all of them).");
        AppWindow.scrollSettingsToEnd(robot);
        BothSizes.check(robot, stage, "agent-settings");

        robot.interact(() -> UiThread.lookup(robot, "#sign-out").queryButton().fire());
        await().atMost(WAIT).until(() -> app.parts().agent().state().get() == AgentHost.State.STOPPED);
        assertThat(folders.agentPaths().socket()).as("the socket goes with the session").doesNotExist();
        assertThat(AgentClient.probe(folders.agentPaths(), Duration.ofSeconds(2))).isEmpty();
        assertThat(app.parts().agent().summary()).startsWith("Not running: nobody is signed in.");
    }

    /** Files under {@code folder} changed since {@code since} whose bytes hold any of {@code secrets}. */
    private static List<Path> noneIn(Path folder, long since, List<String> secrets, String token) throws Exception {
        List<String> all = new ArrayList<>(secrets);
        all.add(token);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (Files.getLastModifiedTime(f).toMillis() + 1000 < since) {
                    continue;
                }
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (all.stream().anyMatch(content::contains)) {
                    found.add(f);
                }
            }
        }
        return found;
    }
}
