package dev.latchkey.app.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.Notice;
import dev.latchkey.app.common.QueuedTaskRunner;
import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.app.common.SecondSession;
import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentCalls;
import dev.latchkey.core.agent.AgentClient;
import dev.latchkey.core.agent.AgentPaths;
import dev.latchkey.core.agent.AgentServer;
import dev.latchkey.core.agent.AgentService;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.testsupport.broker.BrokerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's agent over a real signed-in session (device flow on a real broker's dev IdP) and a real
 * Unix socket: served while signed in, gone after a stop, and never fighting an agent that was there first.
 */
class AgentHostTest {

    private static final Duration PROBE = Duration.ofSeconds(5);
    private static BrokerProcess broker;
    private static Session ada;

    @TempDir
    Path dir;

    @BeforeAll
    static void signIn() throws Exception {
        broker = DevBroker.start();
        ada = SecondSession.session(broker.url(), "ada");
    }

    @AfterAll
    static void end() {
        broker.close();
    }

    private AgentPaths paths() {
        return new AgentPaths(dir.resolve("run").resolve(AgentPaths.SOCKET));
    }

    @Test
    void theAgentServesTheSignedInSessionUntilStopped() throws Exception {
        BannerModel banner = new BannerModel();
        AgentHost host = new AgentHost(new SameThreadTaskRunner(), Clock.systemUTC(), paths(), () -> null, banner);
        host.serve(ada);
        assertThat(host.state().get()).isEqualTo(AgentHost.State.SERVING);
        assertThat(host.summary()).isEqualTo("Serving this user's latchkey commands on " + paths().socket()
                + " (one keychain read and one token refresh for all of them).");
        AgentClient client = AgentClient.probe(paths(), PROBE).orElseThrow();
        assertThat(client.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(client.serves(broker.url().toString())).isTrue();
        assertThat(new AgentCalls(client).accessToken(broker.url())).as("the app's own session, held in memory")
                .isEqualTo(ada.accessToken());
        assertThat(banner.notices()).isEmpty();

        host.stop();
        assertThat(host.state().get()).isEqualTo(AgentHost.State.STOPPED);
        assertThat(host.summary()).startsWith("Not running: nobody is signed in.");
        assertThat(paths().socket()).as("signed out: the socket is gone").doesNotExist();
        assertThat(AgentClient.probe(paths(), PROBE)).isEmpty();
    }

    @Test
    void anAgentThatServesTheSocketAlreadyIsLeftAloneAndTheAppSaysSo() throws Exception {
        try (AgentServer headless = AgentServer.start(paths(), new AgentService(ada, Clock.systemUTC()), line -> { })) {
            BannerModel banner = new BannerModel();
            AgentHost host = new AgentHost(new SameThreadTaskRunner(), Clock.systemUTC(), paths(), () -> null, banner);
            host.serve(ada);
            assertThat(host.state().get()).isEqualTo(AgentHost.State.OTHER_AGENT);
            assertThat(host.otherPid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(host.summary()).isEqualTo(banner.notices().getFirst().text());
            assertThat(banner.notices()).singleElement().satisfies(n -> {
                assertThat(n.key()).isEqualTo(AgentHost.KEY);
                assertThat(n.severity()).isEqualTo(Notice.Severity.INFO);
                assertThat(n.text()).startsWith("Another Latchkey agent (pid " + ProcessHandle.current().pid()
                        + ") already serves this user's latchkey commands");
            });
            host.close();
            assertThat(banner.notices()).isEmpty();
            assertThat(AgentClient.probe(paths(), PROBE)).as("the other agent still answers").isPresent();
            assertThat(headless.paths().socket()).exists();
        }
    }

    @Test
    void aStartThatFinishesAfterASignOutClosesWhatItOpened() throws Exception {
        QueuedTaskRunner tasks = new QueuedTaskRunner();
        AgentHost host = new AgentHost(tasks, Clock.systemUTC(), paths(), () -> null, new BannerModel());
        host.serve(ada);
        assertThat(host.state().get()).isEqualTo(AgentHost.State.STARTING);
        host.stop();
        tasks.finish(0);
        assertThat(host.state().get()).isEqualTo(AgentHost.State.STOPPED);
        assertThat(paths().socket()).doesNotExist();
    }

    @Test
    void aSessionNobodyIsSignedInToDoesNotStartAnAgentAndTheBannerSaysWhy() throws Exception {
        Session nobody = Session.builder(broker.url()).credentialStore(new InMemoryCredentialStore("a test"))
                .lockDirectory(Files.createTempDirectory(dir, "locks")).build();
        BannerModel banner = new BannerModel();
        AgentHost host = new AgentHost(new SameThreadTaskRunner(), Clock.systemUTC(), paths(), () -> null, banner);
        host.serve(nobody);
        assertThat(host.state().get()).isEqualTo(AgentHost.State.FAILED);
        assertThat(host.summary()).startsWith("Not running: it did not start");
        assertThat(paths().socket()).doesNotExist();
        assertThat(banner.notices()).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.WARNING);
            assertThat(n.text()).startsWith("The local agent did not start: ")
                    .endsWith("Latchkey commands in a terminal work on their own meanwhile.");
        });
    }
}
