package dev.latchkey.app.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings' leak-guard part against real git repositories and the guard's real state folder. */
class GuardedRepositoriesViewModelTest {

    @TempDir
    Path state;

    @TempDir
    Path work;

    private GuardedRepositoriesViewModel model() {
        LeakGuard guard = LeakGuard.builder().folder(state)
                .credentialStore(new InMemoryCredentialStore("installing hooks needs no key")).build();
        GuardedRepositoriesViewModel m = new GuardedRepositoriesViewModel(new SameThreadTaskRunner(), guard, "latchkey");
        m.load();
        return m;
    }

    @Test
    void installingInARepositoryListsItAndWritesBothHooks() throws Exception {
        Path repo = GitRepos.init(work.resolve("payments api"));
        GuardedRepositoriesViewModel m = model();
        assertThat(m.rows()).isEmpty();

        m.folderProperty().set(repo.toString());
        m.install();

        assertThat(m.failedProperty().get()).as(m.messageProperty().get()).isFalse();
        assertThat(m.messageProperty().get()).isEqualTo("Installed the guard in " + repo
                + ": commits and pushes there are checked from now on.");
        assertThat(m.rows()).extracting(GuardedRepositoriesViewModel.Row::folder).containsExactly(repo);
        assertThat(m.rows().get(0).state()).isEqualTo("Commits and pushes are checked.");
        assertThat(Files.readString(repo.resolve(".git/hooks/pre-commit"))).contains("guard staged --hook");
        assertThat(Files.isExecutable(repo.resolve(".git/hooks/pre-push"))).isTrue();
        assertThat(model().rows()).as("remembered in the state folder").hasSize(1);
    }

    @Test
    void aFolderThatIsNotARepositoryIsAnErrorThatSaysWhatToDo() {
        GuardedRepositoriesViewModel m = model();
        m.folderProperty().set(work.toString());

        m.install();

        assertThat(m.failedProperty().get()).isTrue();
        assertThat(m.messageProperty().get()).isEqualTo(work + " is not in a git repository. "
                + "Pick a repository's folder, or run git init in it first.");
        assertThat(m.rows()).isEmpty();
    }

    @Test
    void anEmptyFolderFieldAsksForAFolder() {
        GuardedRepositoriesViewModel m = model();
        m.install();
        assertThat(m.failedProperty().get()).isTrue();
        assertThat(m.messageProperty().get()).isEqualTo("Choose a repository's folder first.");
    }

    @Test
    void aHooksPathThatCannotBeWrittenIsAnErrorNamingIt() throws Exception {
        Path repo = GitRepos.init(work.resolve("app"));
        // core.hooksPath names a file: git would look there, and nothing can be written inside it.
        Path notAFolder = repo.resolve("hooks-file");
        Files.writeString(notAFolder, "not a folder\n");
        GitRepos.git(repo, "config", "core.hooksPath", notAFolder.toString());
        GuardedRepositoriesViewModel m = model();
        m.folderProperty().set(repo.toString());

        m.install();

        assertThat(m.failedProperty().get()).isTrue();
        assertThat(m.messageProperty().get())
                .startsWith("Cannot write the hooks in " + notAFolder + ": ")
                .contains("is a file, not a folder")
                .endsWith("Check that the folder is yours and writable (and core.hooksPath, if the repository sets it).");
        assertThat(m.rows()).isEmpty();
    }

    @Test
    void anExistingHookIsKeptChainedAndPutBackOnRemoval() throws Exception {
        Path repo = GitRepos.init(work.resolve("web"));
        Path own = repo.resolve(".git/hooks/pre-commit");
        Files.writeString(own, "#!/bin/sh\necho lint\n");
        GuardedRepositoriesViewModel m = model();
        m.folderProperty().set(repo.toString());

        m.install();

        assertThat(m.messageProperty().get()).endsWith("Your existing pre-commit hook is kept and runs first.");
        assertThat(m.rows().get(0).state()).isEqualTo("Commits and pushes are checked. Your own pre-commit hook runs first.");
        assertThat(Files.readString(repo.resolve(".git/hooks/pre-commit.latchkey-chained"))).contains("echo lint");

        m.uninstall(m.rows().get(0));

        assertThat(m.failedProperty().get()).isFalse();
        assertThat(Files.readString(own)).isEqualTo("#!/bin/sh\necho lint\n");
        assertThat(m.rows()).isEmpty();
    }

    @Test
    void aRepositoryWhoseHooksWereRemovedBySomeoneElseSaysSo() throws Exception {
        Path repo = GitRepos.init(work.resolve("docs"));
        GuardedRepositoriesViewModel m = model();
        m.folderProperty().set(repo.toString());
        m.install();
        Files.delete(repo.resolve(".git/hooks/pre-commit"));

        m.load();

        assertThat(m.rows().get(0).state()).startsWith("Hooks removed since: this repository is not guarded.");
    }
}
