package dev.latchkey.app.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.app.guard.GitRepos;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.ScanReport;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.launch.AgentRead;
import dev.latchkey.core.launch.EndpointRead;
import dev.latchkey.core.launch.GrantUse;
import dev.latchkey.core.launch.LaunchLog;
import dev.latchkey.core.launch.LaunchRecord;
import dev.latchkey.core.launch.ProcessFacts;
import dev.latchkey.core.launch.ReadDecision;
import dev.latchkey.core.launch.profile.LaunchProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Activity lists agent reads, launches and stopped commits from the real files the agent, the
 * CLI and the hooks write; filters by text and decision; exports JSON lines; says what each state is.
 */
class ActivityViewModelTest {

    /** A fake AWS key id of the documented shape; not a real key. */
    private static final String FAKE_KEY = "AKIAZ7Q2WXYV3LMN4PRS";

    @TempDir
    Path state;

    @TempDir
    Path work;

    private LeakGuard guard() {
        return LeakGuard.builder().folder(state.resolve("guard"))
                .credentialStore(new InMemoryCredentialStore("pattern rules need no key"))
                .clock(Clock.fixed(Instant.parse("2026-11-29T10:05:00Z"), ZoneOffset.UTC)).build();
    }

    private ActivityViewModel threeKinds() throws Exception {
        LeakGuard guard = guard();
        Path repo = GitRepos.init(work.resolve("payments"));
        Files.writeString(repo.resolve("deploy.env"), "AWS_ACCESS_KEY_ID=" + FAKE_KEY + "\n");
        GitRepos.git(repo, "add", "deploy.env");
        ScanReport report = guard.staged(repo);
        guard.blocked(repo, "pre-commit", report);
        LaunchLog log = new LaunchLog(state.resolve("launches.jsonl"));
        log.append(new LaunchRecord(Instant.parse("2026-11-29T09:00:00Z"), Instant.parse("2026-11-29T09:01:00Z"),
                "payments-api", List.of("sh"), List.of("latchkey://payments/dev/db-url"), List.of(), 42, 0, Optional.empty(),
                "/home/ada/payments", List.of("40 /opt/latchkey/bin/Latchkey"),
                List.of(new GrantUse("payments/dev", Optional.of("g_1")))));
        log.append(new AgentRead(Instant.parse("2026-11-29T09:30:00Z"), Optional.of(new ProcessFacts(4242, "/usr/bin/curl",
                "/home/ada/web", List.of("4100 /usr/bin/bash", "1 /sbin/init"))), List.of("latchkey://web/dev/api-key"),
                List.of(), ReadDecision.AUTO, List.of(new GrantUse("web/dev", Optional.empty())), List.of(), Optional.empty()));
        ActivityViewModel m = new ActivityViewModel(new SameThreadTaskRunner(), guard, log, ZoneOffset.UTC);
        m.load();
        return m;
    }

    @Test
    void readsLaunchesAndStoppedCommitsAreListedNewestFirstWithTheirProcesses() throws Exception {
        ActivityViewModel m = threeKinds();

        assertThat(m.stateProperty().get()).isEqualTo(ActivityViewModel.State.LOADED);
        assertThat(m.rows()).extracting(ActivityRow::kind).containsExactly(ActivityRow.Kind.COMMIT_STOPPED,
                ActivityRow.Kind.AGENT_READ, ActivityRow.Kind.LAUNCH);
        ActivityRow read = m.rows().get(1);
        assertThat(read.processText()).isEqualTo("curl (pid 4242)");
        assertThat(read.folderText()).isEqualTo("/home/ada/web");
        assertThat(read.parentsText()).isEqualTo("bash (4100) ← init (1)");
        assertThat(read.decision()).isEqualTo(ActivityRow.Decision.AUTO);
        assertThat(ActivityRow.grantText(read.grants().getFirst())).isEqualTo("web/dev, standing access");
        assertThat(m.when(read)).isEqualTo("29 Nov 2026, 09:30:00");
        ActivityRow launch = m.rows().get(2);
        assertThat(launch.summary()).isEqualTo("Launched payments-api");
        assertThat(launch.processText()).isEqualTo("sh (pid 42)");
        assertThat(ActivityRow.grantText(launch.grants().getFirst())).isEqualTo("payments/dev, grant g_1");
        ActivityRow stopped = m.rows().getFirst();
        assertThat(stopped.summary()).isEqualTo("Commit stopped in payments: 1 secret found");
        assertThat(stopped.decision()).isEqualTo(ActivityRow.Decision.STOPPED);
        assertThat(m.rows()).allSatisfy(r -> assertThat(r.searchText()).doesNotContainIgnoringCase(FAKE_KEY));
        Path blocked = state.resolve("guard").resolve("blocked.jsonl");
        assertThat(Files.getPosixFilePermissions(blocked))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aReadThroughALaunchsRefreshEndpointIsListedWithItsReaderAndLaunch() throws Exception {
        LaunchLog log = new LaunchLog(state.resolve("launches.jsonl"));
        log.append(new EndpointRead(Instant.parse("2026-11-29T09:40:00Z"), Optional.of(new ProcessFacts(4300, "/usr/bin/curl",
                "/home/ada/payments", List.of("4290 /usr/bin/sh", "4280 /opt/latchkey/bin/latchkey"))), 4290,
                "payments-worker", List.of("latchkey://payments/dev/db-url"), List.of("payments-sandbox"), ReadDecision.AUTO));
        ActivityViewModel m = new ActivityViewModel(new SameThreadTaskRunner(), null, log, ZoneOffset.UTC);
        m.load();

        ActivityRow read = m.rows().getFirst();
        assertThat(read.kind()).isEqualTo(ActivityRow.Kind.ENDPOINT_READ);
        assertThat(read.kind().label()).isEqualTo("Endpoint read");
        assertThat(read.summary()).isEqualTo("Read 2 values through its launch's refresh endpoint");
        assertThat(read.processText()).isEqualTo("curl (pid 4300)");
        assertThat(read.parentsText()).isEqualTo("sh (4290) ← latchkey (4280)");
        assertThat(read.refs()).containsExactly("latchkey://payments/dev/db-url");
        assertThat(read.decision()).isEqualTo(ActivityRow.Decision.AUTO);
        assertThat(read.details()).containsExactly("Launch payments-worker (pid 4290)", "Sandbox tokens: payments-sandbox");
        m.filterTextProperty().set("payments-worker");
        assertThat(m.rows()).containsExactly(read);
    }

    @Test
    void aLaunchFromTheCommandLineIsNamedSo() throws Exception {
        LaunchLog log = new LaunchLog(state.resolve("launches.jsonl"));
        log.append(new EndpointRead(Instant.parse("2026-11-29T09:40:00Z"), Optional.of(new ProcessFacts(4300, "/usr/bin/curl",
                "/home/ada/payments", List.of("4290 /usr/bin/sh"))), 4290, LaunchProfile.COMMAND_LINE,
                List.of("latchkey://payments/dev/db-url"), List.of(), ReadDecision.AUTO));
        ActivityViewModel m = new ActivityViewModel(new SameThreadTaskRunner(), null, log, ZoneOffset.UTC);
        m.load();

        assertThat(m.rows().getFirst().details()).containsExactly("Launch from the command line (pid 4290)");
    }

    @Test
    void theTextAndDecisionFiltersNarrowTheListAndSayWhenNothingMatches() throws Exception {
        ActivityViewModel m = threeKinds();
        m.filterTextProperty().set("CURL");
        assertThat(m.rows()).extracting(ActivityRow::kind).containsExactly(ActivityRow.Kind.AGENT_READ);
        m.filterTextProperty().set("payments/dev");
        assertThat(m.rows()).extracting(ActivityRow::kind).containsExactly(ActivityRow.Kind.LAUNCH);
        m.filterTextProperty().set("");
        m.decisionFilterProperty().set(ActivityRow.Decision.STOPPED);
        assertThat(m.rows()).extracting(ActivityRow::kind).containsExactly(ActivityRow.Kind.COMMIT_STOPPED);
        m.decisionFilterProperty().set(ActivityRow.Decision.DENIED);
        assertThat(m.rows()).isEmpty();
        assertThat(m.messageProperty().get()).isEqualTo("Nothing matches the filter. Clear it to see all 3 entries.");
        m.decisionFilterProperty().set(null);
        assertThat(m.rows()).hasSize(3);
        assertThat(m.messageProperty().get()).isEmpty();
    }

    @Test
    void theExportIsOneJsonObjectPerShownRowWithoutValues() throws Exception {
        ActivityViewModel m = threeKinds();
        m.decisionFilterProperty().set(ActivityRow.Decision.AUTO);
        Path file = work.resolve("out").resolve("activity.jsonl");
        m.export(file);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize(2);
        JsonNode read = lines.getFirst();
        assertThat(read.get("kind").asText()).isEqualTo("agent-read");
        assertThat(read.get("pid").asLong()).isEqualTo(4242);
        assertThat(read.get("executable").asText()).isEqualTo("/usr/bin/curl");
        assertThat(read.get("workingFolder").asText()).isEqualTo("/home/ada/web");
        assertThat(read.get("parents").get(0).asText()).isEqualTo("4100 /usr/bin/bash");
        assertThat(read.get("decision").asText()).isEqualTo("auto");
        assertThat(lines.get(1).get("grants").get(0).get("id").asText()).isEqualTo("g_1");
        assertThat(m.exportedProperty().get()).isEqualTo("Exported 2 entries to activity.jsonl.");
        assertThat(Files.readString(file)).doesNotContain(FAKE_KEY);
    }

    @Test
    void withNothingRecordedItSaysWhatWillAppear() {
        ActivityViewModel m = new ActivityViewModel(new SameThreadTaskRunner(), guard(),
                new LaunchLog(state.resolve("launches.jsonl")), ZoneOffset.UTC);
        m.load();
        assertThat(m.rows()).isEmpty();
        assertThat(m.stateProperty().get()).isEqualTo(ActivityViewModel.State.EMPTY);
        assertThat(m.messageProperty().get()).isEqualTo("No activity yet — commands run through the Latchkey agent and "
                + "launches from the app appear here.");
    }

    @Test
    void aLogThatCannotBeReadIsAnErrorThatSaysWhatToDo() throws Exception {
        Path notAFile = Files.createDirectories(state.resolve("launches.jsonl"));
        ActivityViewModel m = new ActivityViewModel(new SameThreadTaskRunner(), guard(), new LaunchLog(notAFile),
                ZoneOffset.UTC);
        m.load();
        assertThat(m.stateProperty().get()).isEqualTo(ActivityViewModel.State.ERROR);
        assertThat(m.messageProperty().get()).startsWith("The activity cannot be read: ").endsWith("Press Refresh to try again.");
    }
}
