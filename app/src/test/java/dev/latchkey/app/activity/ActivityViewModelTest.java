package dev.latchkey.app.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.ScanReport;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.launch.LaunchLog;
import dev.latchkey.core.launch.LaunchRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Activity lists launches and stopped commits from the real files the CLI and the hooks write. */
class ActivityViewModelTest {

    /** A fake AWS key id of the documented shape; not a real key. */
    private static final String FAKE_KEY = "AKIAZ7Q2WXYV3LMN4PRS";

    @TempDir
    Path state;

    @TempDir
    Path work;

    @Test
    void aStoppedCommitAndALaunchAreListedNewestFirstWithoutAnyValue() throws Exception {
        LeakGuard guard = LeakGuard.builder().folder(state.resolve("guard"))
                .credentialStore(new InMemoryCredentialStore("pattern rules need no key"))
                .clock(Clock.fixed(Instant.parse("2026-11-29T10:05:00Z"), ZoneOffset.UTC)).build();
        Path repo = GitRepos.init(work.resolve("payments"));
        Files.writeString(repo.resolve("deploy.env"), "AWS_ACCESS_KEY_ID=" + FAKE_KEY + "\n");
        GitRepos.git(repo, "add", "deploy.env");
        // What the pre-commit hook does when it stops a commit (GuardCommand): scan, then remember.
        ScanReport report = guard.staged(repo);
        assertThat(report.found()).isTrue();
        guard.blocked(repo, "pre-commit", report);
        LaunchLog launches = new LaunchLog(state.resolve("launches.jsonl"));
        launches.append(new LaunchRecord(Instant.parse("2026-11-29T09:00:00Z"), Instant.parse("2026-11-29T09:01:00Z"),
                "payments-api", List.of("sh"), List.of("latchkey://payments/dev/db-url"), List.of(), 42, 0, Optional.empty()));

        ActivityViewModel m = new ActivityViewModel(new SameThreadTaskRunner(), guard, launches, ZoneOffset.UTC);
        m.load();

        assertThat(m.items()).extracting(ActivityViewModel.Item::kind)
                .containsExactly(ActivityViewModel.Kind.COMMIT_STOPPED, ActivityViewModel.Kind.LAUNCH);
        ActivityViewModel.Item stopped = m.items().get(0);
        assertThat(stopped.title()).isEqualTo("Commit stopped in payments: 1 secret found");
        assertThat(stopped.when()).isEqualTo("29 Nov 2026, 10:05");
        assertThat(stopped.details()).containsExactly("Repository " + repo,
                "AWS access key id (rule aws-access-token) in deploy.env, line 1");
        ActivityViewModel.Item launch = m.items().get(1);
        assertThat(launch.title()).isEqualTo("Launched payments-api");
        assertThat(launch.details()).containsExactly("Exited normally", "Secrets: latchkey://payments/dev/db-url");
        assertThat(m.items()).allSatisfy(i -> assertThat(String.join(" ", i.details()) + i.title()).doesNotContain(FAKE_KEY));

        Path blocked = state.resolve("guard").resolve("blocked.jsonl");
        assertThat(Files.readString(blocked)).contains("deploy.env").doesNotContain(FAKE_KEY);
        assertThat(Files.getPosixFilePermissions(blocked))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void withNothingRecordedItSaysWhatWillAppear() {
        LeakGuard guard = LeakGuard.builder().folder(state.resolve("guard"))
                .credentialStore(new InMemoryCredentialStore("none")).build();
        ActivityViewModel m = new ActivityViewModel(new SameThreadTaskRunner(), guard,
                new LaunchLog(state.resolve("launches.jsonl")), ZoneOffset.UTC);
        m.load();
        assertThat(m.items()).isEmpty();
        assertThat(m.messageProperty().get()).startsWith("Nothing yet");
    }
}
