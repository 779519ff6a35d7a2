package dev.latchkey.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.core.Session;
import dev.latchkey.core.approval.ApprovalRequest;
import dev.latchkey.core.approval.Approver;
import dev.latchkey.core.approval.Decision;
import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.testsupport.devidp.DevSignIn;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch through the agent that reads a scope the policy marks {@code confirm: true}: the agent
 * asks its host's approver (the app's prompt) and reads only when it allows; an agent without one
 * leaves the question to the caller's terminal. Real broker, real socket.
 */
class AgentApprovalTest {

    private static final SecretRef DB = SecretRef.parse("latchkey://payments/dev/db-url");
    private static final SecretRef STAGING = SecretRef.parse("latchkey://payments/staging/db-url");
    private static final SecretSource NOT_ALONE = (refs, sandboxes) -> {
        throw new AssertionError("the launch went around the agent");
    };

    @TempDir
    Path dir;
    private RunningBroker broker;
    private AgentService service;
    private AgentServer server;
    private AgentCalls calls;
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final List<ApprovalRequest> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void agentOnABrokerWhosePolicyConfirmsPaymentsDev() throws Exception {
        String policy;
        try (InputStream in = DemoOrganisation.class.getResourceAsStream(DemoOrganisation.POLICY_RESOURCE)) {
            policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, policy.replace("  payments/dev:\n", "  payments/dev:\n    confirm: true\n"));
        broker = LatchkeyBroker.start(BrokerConfig.dev().withPolicyFile(file));
        Session session = Session.builder(broker.url()).credentialStore(new InMemoryCredentialStore())
                .lockDirectory(dir).build();
        session.signIn(p -> DevSignIn.approve(broker.url(), p.userCode(), "ada"));
        service = new AgentService(session, Clock.systemUTC());
        server = AgentServer.start(new AgentPaths(dir.resolve("run").resolve(AgentPaths.SOCKET)), service, line -> { });
        calls = new AgentCalls(AgentClient.probe(server.paths(), Duration.ofSeconds(5)).orElseThrow());
    }

    @AfterEach
    void stop() {
        server.close();
        broker.close();
    }

    private Approver answering(Decision decision) {
        return request -> {
            asked.add(request);
            return decision;
        };
    }

    private SecretSource launch(Approver terminal) {
        return new AgentSecretSource(calls, broker.url(), NOT_ALONE, notices::add, terminal, Clock.systemUTC());
    }

    @Test
    void allowOnceReadsAndTheAppSawTheProcessAndTheReferences() throws Exception {
        service.approver(answering(Decision.ALLOW_ONCE));
        SecretSource source = launch(Approver.NOBODY);

        Resolution r = source.resolve(Set.of(DB), Map.of());

        assertThat(r).isInstanceOf(Resolution.Granted.class);
        assertThat(((Resolution.Granted) r).secrets().get(DB).value()).startsWith("postgresql://");
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("Waiting for approval in the Latchkey app"));
        ApprovalRequest request = asked.getFirst();
        assertThat(request.scopes()).containsExactly("payments/dev");
        assertThat(request.refs()).containsExactly(DB);
        // The caller is this test's JVM: the kernel, not the caller, said so.
        assertThat(request.requester().pid()).hasValue(ProcessHandle.current().pid());
        assertThat(request.requester().commandLine()).contains("java");
        assertThat(request.requester().workingFolder()).contains(Path.of("").toAbsolutePath().toString());

        source.resolve(Set.of(DB), Map.of());
        assertThat(asked).as("allowed once: the next read asks again").hasSize(2);
    }

    @Test
    void allowForThisLaunchAsksOncePerLaunch() throws Exception {
        service.approver(answering(Decision.ALLOW_FOR_LAUNCH));
        SecretSource first = launch(Approver.NOBODY);
        first.resolve(Set.of(DB), Map.of());
        first.resolve(Set.of(DB), Map.of());
        assertThat(asked).hasSize(1);

        launch(Approver.NOBODY).resolve(Set.of(DB), Map.of());
        assertThat(asked).as("another launch is asked about").hasSize(2);
    }

    @Test
    void denyReadsNothingAndSaysSo() throws Exception {
        service.approver(answering(Decision.DENY));

        Resolution r = launch(Approver.NOBODY).resolve(Set.of(DB, STAGING), Map.of());

        assertThat(r).isInstanceOf(Resolution.Refused.class);
        List<RefusedRef> refused = ((Resolution.Refused) r).refused();
        assertThat(refused).containsExactly(new RefusedRef(DB, RefusedRef.Why.NOT_APPROVED));
        assertThat(RefusedRef.message(refused)).contains("payments/dev asks to confirm each launch, and this one was denied");
    }

    @Test
    void aPromptNobodyAnswersTimesOut() throws Exception {
        service.approvalTimeout(Duration.ofMillis(500));
        service.approver(request -> {
            asked.add(request);
            Thread.sleep(30_000); // nobody at the desk
            return Decision.ALLOW_ONCE;
        });
        long start = System.nanoTime();

        Resolution r = launch(Approver.NOBODY).resolve(Set.of(DB), Map.of());

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        assertThat(((Resolution.Refused) r).refused()).containsExactly(new RefusedRef(DB, RefusedRef.Why.APPROVAL_TIMED_OUT));
        assertThat(RefusedRef.message(((Resolution.Refused) r).refused())).contains("nobody answered in time")
                .contains("run it again and answer the prompt");
    }

    @Test
    void aScopeWithoutConfirmIsNotAskedAbout() throws Exception {
        service.approver(answering(Decision.DENY));
        SecretRef other = SecretRef.parse("latchkey://payments/staging/db-url");
        Resolution r = launch(Approver.NOBODY).resolve(Set.of(other), Map.of());
        assertThat(r).isInstanceOf(Resolution.Refused.class); // ada must request staging: the broker's answer
        assertThat(((Resolution.Refused) r).refused()).extracting(RefusedRef::why).containsExactly(RefusedRef.Why.REQUEST_NEEDED);
        assertThat(asked).isEmpty();
    }

    @Test
    void withoutTheAppTheCallersTerminalIsAsked() throws Exception {
        List<ApprovalRequest> inTerminal = new CopyOnWriteArrayList<>();
        Resolution allowed = launch(request -> {
            inTerminal.add(request);
            return Decision.ALLOW_ONCE;
        }).resolve(Set.of(DB), Map.of());
        assertThat(allowed).isInstanceOf(Resolution.Granted.class);
        assertThat(inTerminal).singleElement().satisfies(q -> assertThat(q.refs()).containsExactly(DB));

        Resolution noTerminal = launch(Approver.NOBODY).resolve(Set.of(DB), Map.of());
        assertThat(((Resolution.Refused) noTerminal).refused()).containsExactly(new RefusedRef(DB, RefusedRef.Why.NO_APPROVER));
        assertThat(RefusedRef.message(((Resolution.Refused) noTerminal).refused()))
                .contains("run it from a terminal or start the Latchkey app to approve");
    }

    @Test
    void anAgentWithoutTheAppNeverReadsAConfirmScopeForACallerThatDidNotAsk() throws Exception {
        String body = "{\"broker\":\"" + broker.url() + "\",\"refs\":[\"" + DB + "\"]}";
        AgentClient.Answer answer = calls.client().call("POST", "/v1/resolve", body, Duration.ofSeconds(10));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"outcome\":\"approval_needed\"").contains("\"approver\":\"terminal\"")
                .contains("\"confirm\":[\"payments/dev\"]").doesNotContain("postgresql");
    }
}
