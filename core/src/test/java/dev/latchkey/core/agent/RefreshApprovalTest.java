package dev.latchkey.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.broker.seed.DemoOrganisation;
import dev.latchkey.core.Session;
import dev.latchkey.core.approval.ApprovalRequest;
import dev.latchkey.core.approval.Approver;
import dev.latchkey.core.approval.Decision;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.testsupport.RealParts;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals and a launch's refresh endpoint: a real child ({@code sh} and {@code curl}) polls its
 * endpoint while the launch re-reads its values, as it does when the broker tells of an extension.
 * After "Allow once" each such re-read of a {@code confirm} scope is asked about again (and a "Deny"
 * there leaves the child the values it has); after "Allow for this launch" the refreshes of that launch
 * read without asking. Real broker, agent socket, endpoint and child; the approver stands for the
 * person at the prompt.
 */
class RefreshApprovalTest {

    private static final SecretRef DB = SecretRef.parse("latchkey://payments/dev/db-url");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Polls the endpoint every 0.2 s, one line per poll: the time of the values it got, and whether it got DB. */
    private static final String CHILD = """
            while [ ! -f "$OUT/stop" ]; do
              body=$(curl -s --max-time 2 -H "Authorization: Bearer $LATCHKEY_CREDENTIALS_TOKEN" "$LATCHKEY_CREDENTIALS_URL") || exit 7
              at=$(printf %s "$body" | sed -n 's/.*"refreshedAt":"\\([^"]*\\)".*/\\1/p')
              db=$(printf %s "$body" | grep -c '"DB":{"ref":"latchkey://payments/dev/db-url","value":"postgresql:')
              echo "$at $db" >> "$OUT/polls"
              sleep 0.2
            done
            """;

    @TempDir
    Path dir;
    private RunningBroker broker;
    private AgentServer server;
    private AgentService service;
    private LaunchCredentials credentials;
    private LaunchEndpoint endpoint;
    private Process child;
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final List<ApprovalRequest> asked = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Decision> answers = new LinkedBlockingQueue<>();

    @BeforeEach
    void agentOnABrokerWhosePolicyConfirmsPaymentsDev() throws Exception {
        String policy;
        try (InputStream in = DemoOrganisation.class.getResourceAsStream(DemoOrganisation.POLICY_RESOURCE)) {
            policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = Files.writeString(dir.resolve("policy.yaml"),
                policy.replace("  payments/dev:\n", "  payments/dev:\n    confirm: true\n"));
        broker = LatchkeyBroker.start(BrokerConfig.dev().withPolicyFile(file));
        Session session = Session.builder(broker.url()).credentialStore(new InMemoryCredentialStore())
                .lockDirectory(dir).build();
        session.signIn(p -> DevSignIn.approve(broker.url(), p.userCode(), "ada"));
        service = new AgentService(session, Clock.systemUTC());
        service.approver(request -> {
            asked.add(request);
            Decision d = answers.poll(20, TimeUnit.SECONDS);
            return d == null ? Decision.TIMED_OUT : d;
        });
        server = AgentServer.start(new AgentPaths(dir.resolve("run").resolve(AgentPaths.SOCKET)), service, line -> { });
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            Files.writeString(dir.resolve("stop"), "");
            child.waitFor(10, TimeUnit.SECONDS);
            child.destroyForcibly();
        }
        if (endpoint != null) {
            endpoint.close();
            credentials.close();
        }
        server.close();
        broker.close();
    }

    @Test
    void afterAllowOnceEachRefreshAsksAgainAndADenyLeavesTheChildTheValuesItHas() throws Exception {
        answers.add(Decision.ALLOW_ONCE);
        launchWithAPollingChild();
        assertThat(asked).hasSize(1);
        String first = lastPoll();

        answers.add(Decision.DENY);
        credentials.refreshNow();
        await().atMost(WAIT).until(() -> notices.stream().anyMatch(n -> n.contains("keeps the values it has")));
        assertThat(asked).as("the refresh was asked about").hasSize(2);
        assertThat(asked.get(1).refs()).containsExactly(DB);
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("the refresh endpoint keeps the values it has: "
                + DB + ": payments/dev asks to confirm each launch, and this one was denied"));
        int polled = polls().size();
        await().atMost(WAIT).until(() -> polls().size() >= polled + 3);
        assertThat(lastPoll()).as("the child still gets the values it had, not new ones").isEqualTo(first);
        assertThat(child.isAlive()).isTrue();

        answers.add(Decision.ALLOW_ONCE);
        credentials.refreshNow();
        await().atMost(WAIT).until(() -> !lastPoll().equals(first));
        assertThat(asked).hasSize(3);
        assertThat(lastPoll()).endsWith(" 1");
    }

    @Test
    void aRefreshNobodyAnsweredSaysTheNextRefreshAsksAgainNotToRunItAgain() throws Exception {
        answers.add(Decision.ALLOW_ONCE);
        launchWithAPollingChild();
        String first = lastPoll();

        answers.add(Decision.TIMED_OUT);
        credentials.refreshNow();
        await().atMost(WAIT).until(() -> notices.stream().anyMatch(n -> n.contains("keeps the values it has")));
        assertThat(asked).as("the refresh was asked about").hasSize(2);
        String notice = notices.stream().filter(n -> n.contains("keeps the values it has")).findFirst().orElseThrow();
        assertThat(notice).isEqualTo("latchkey: the refresh endpoint keeps the values it has: " + DB + ": payments/dev asks"
                + " to confirm each launch, and nobody answered the prompt for this refresh in time; the next refresh asks"
                + " again (in the Latchkey app, \"Allow for this launch\" covers the launch's refreshes)");
        assertThat(notice).as("a refresh is not run again by hand").doesNotContain("run it again");
        assertThat(lastPoll()).as("the child still gets the values it had").isEqualTo(first);
        assertThat(child.isAlive()).isTrue();
    }

    @Test
    void allowForThisLaunchCoversTheLaunchsRefreshes() throws Exception {
        answers.add(Decision.ALLOW_FOR_LAUNCH);
        launchWithAPollingChild();
        String first = lastPoll();

        credentials.refreshNow();
        await().atMost(WAIT).until(() -> !lastPoll().equals(first));
        credentials.refreshNow();
        String second = lastPoll();
        await().atMost(WAIT).until(() -> !lastPoll().equals(second));
        assertThat(asked).as("asked once, at the launch; its refreshes read without asking").hasSize(1);
        assertThat(lastPoll()).endsWith(" 1");
        assertThat(notices).noneSatisfy(n -> assertThat(n).contains("keeps the values it has"));
    }

    /** Resolves the launch (the approver is asked), opens its endpoint and starts a child that polls it. */
    private void launchWithAPollingChild() throws Exception {
        if (Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).noneMatch(d -> Files.isExecutable(Path.of(d, "curl")))) {
            RealParts.missing("curl is needed by the polling child (.ci/run installs it)");
        }
        AgentCalls calls = new AgentCalls(AgentClient.probe(server.paths(), Duration.ofSeconds(5)).orElseThrow());
        SecretSource source = new AgentSecretSource(calls, broker.url(), (refs, sandboxes) -> {
            throw new AssertionError("the launch went around the agent");
        }, notices::add, Approver.NOBODY, Clock.systemUTC());
        credentials = new LaunchCredentials(source, Map.of("DB", new EnvValue.Reference(DB)), Clock.systemUTC(), notices::add);
        assertThat(credentials.resolve(Set.of(DB), Map.of())).isInstanceOf(Resolution.Granted.class);
        AtomicReference<Process> started = new AtomicReference<>();
        endpoint = LaunchEndpoint.open(credentials, () -> started.get() == null ? OptionalLong.empty()
                : OptionalLong.of(started.get().pid()), notices::add);
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", CHILD).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.out").toFile());
        pb.environment().putAll(endpoint.childVariables());
        pb.environment().put("OUT", dir.toString());
        try {
            child = pb.start();
        } catch (IOException e) {
            RealParts.missing("sh is needed for the polling child: " + e.getMessage());
            throw e;
        }
        started.set(child);
        await().atMost(WAIT).until(() -> !polls().isEmpty() || !child.isAlive());
        assertThat(child.isAlive()).as("the child polls (curl is needed): " + Files.readString(dir.resolve("child.out")))
                .isTrue();
        assertThat(lastPoll()).as("the child reads its value").matches("\\S+Z 1");
    }

    private List<String> polls() throws IOException {
        Path polls = dir.resolve("polls");
        return Files.exists(polls) ? Files.readAllLines(polls).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private String lastPoll() throws IOException {
        return polls().getLast();
    }
}
