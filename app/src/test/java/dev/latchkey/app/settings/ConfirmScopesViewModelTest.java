package dev.latchkey.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.app.settings.ConfirmScopesViewModel.Row;
import dev.latchkey.app.settings.ConfirmScopesViewModel.State;
import dev.latchkey.core.approval.LocalConfirmScopes;
import dev.latchkey.core.brokerapi.BrokerProtocolException;
import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import dev.latchkey.core.brokerapi.Scope;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfirmScopesViewModelTest {

    private static final List<Scope> SCOPES = List.of(
            new Scope("payments/prod", Scope.Access.REQUESTABLE, Optional.empty(), Optional.empty()),
            new Scope("payments/dev", Scope.Access.STANDING, Optional.empty(), Optional.empty(), true),
            new Scope("payments/staging", Scope.Access.REQUESTABLE, Optional.empty(), Optional.empty()));

    @TempDir
    Path config;

    private ConfirmScopesViewModel model(ConfirmScopesViewModel.Listing listing) {
        ConfirmScopesViewModel model = new ConfirmScopesViewModel(new SameThreadTaskRunner(), listing, config, config.getParent());
        model.load();
        return model;
    }

    private Path file() {
        return config.resolve(LocalConfirmScopes.FILE);
    }

    private String shown() {
        return "~/" + config.getFileName() + "/" + LocalConfirmScopes.FILE;
    }

    @Test
    void listsEveryVisibleScopeWithPolicyScopesLockedOnAndMarksFromTheFile() throws IOException {
        LocalConfirmScopes.write(config, List.of("payments/prod", "billing/prod"));
        ConfirmScopesViewModel model = model(() -> SCOPES);

        assertThat(model.stateProperty().get()).isEqualTo(State.LOADED);
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.rows()).containsExactly(
                new Row("billing/prod", true, "", ConfirmScopesViewModel.NOT_LISTED),
                new Row("payments/dev", true, ConfirmScopesViewModel.BY_POLICY, ""),
                new Row("payments/prod", true, "", ""),
                new Row("payments/staging", false, "", ""));
    }

    @Test
    void aTickWritesTheSameFileWholeAndTheNextLaunchReadsIt() throws IOException {
        ConfirmScopesViewModel model = model(() -> SCOPES);
        assertThat(Files.exists(file())).isFalse();

        model.ask("payments/staging", true);
        assertThat(LocalConfirmScopes.read(config)).containsExactly("payments/staging");
        assertThat(Files.readString(file())).endsWith("\npayments/staging\n").startsWith("# ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        assertThat(Files.list(config).map(p -> p.getFileName().toString()).toList()).containsExactly(LocalConfirmScopes.FILE);
        assertThat(model.rows()).contains(new Row("payments/staging", true, "", ""));
        assertThat(model.messageProperty().get()).isEqualTo("Launches that read payments/staging ask you first from now on.");
        assertThat(model.failedProperty().get()).isFalse();

        model.ask("payments/prod", true);
        model.ask("payments/staging", false);
        assertThat(LocalConfirmScopes.read(config)).containsExactly("payments/prod");
        assertThat(model.messageProperty().get()).isEqualTo("Launches that read payments/staging no longer ask you first.");
    }

    @Test
    void theFileIsShownFromTheHomeFolder() {
        assertThat(model(List::of).file()).isEqualTo(shown());
        assertThat(new ConfirmScopesViewModel(new SameThreadTaskRunner(), List::of, config, config.resolve("elsewhere"))
                .file()).isEqualTo(file().toString());
    }

    @Test
    void aScopeThePolicyMarksCannotBeUnticked() throws IOException {
        ConfirmScopesViewModel model = model(() -> SCOPES);
        model.ask("payments/dev", false);
        assertThat(Files.exists(file())).isFalse();
        assertThat(model.rows()).contains(new Row("payments/dev", true, ConfirmScopesViewModel.BY_POLICY, ""));
    }

    @Test
    void noVisibleScopeIsItsOwnState() {
        ConfirmScopesViewModel model = model(List::of);
        assertThat(model.stateProperty().get()).isEqualTo(State.LOADED);
        assertThat(model.rows()).isEmpty();
        assertThat(ConfirmScopesSection.placeholderText(State.LOADED)).isEqualTo("Your broker shows you no scopes yet.");
        assertThat(ConfirmScopesSection.placeholderText(State.LOADING)).isEqualTo("Loading your scopes …");
    }

    @Test
    void offlineListsTheScopesMarkedHereAndTheyCanStillBeUnmarked() throws IOException {
        LocalConfirmScopes.write(config, List.of("payments/prod", "payments/staging"));
        ConfirmScopesViewModel model = model(() -> {
            throw new BrokerUnreachableException("the broker at http://127.0.0.1:1 cannot be reached",
                    new ConnectException("refused"));
        });
        assertThat(model.stateProperty().get()).isEqualTo(State.OFFLINE);
        assertThat(model.messageProperty().get()).startsWith("Latchkey can't reach the broker, so only the scopes marked");
        assertThat(model.rows()).extracting(Row::scope).containsExactly("payments/prod", "payments/staging");

        model.ask("payments/prod", false);
        assertThat(LocalConfirmScopes.read(config)).containsExactly("payments/staging");
    }

    @Test
    void aBrokerFailureListsNothingAndSaysWhy() throws IOException {
        LocalConfirmScopes.write(config, List.of("payments/prod"));
        ConfirmScopesViewModel model = model(() -> {
            throw new BrokerProtocolException("the broker's answer could not be read", null);
        });
        assertThat(model.stateProperty().get()).isEqualTo(State.FAILED);
        assertThat(model.rows()).isEmpty();
        assertThat(model.messageProperty().get())
                .isEqualTo("Your scopes could not be listed: The broker's answer could not be read. Press Retry.");
        assertThat(model.failedProperty().get()).isTrue();
    }

    @Test
    void aFileThatCannotBeReadLocksEveryBoxSoASaveCannotLoseItsMarks() throws IOException {
        Files.createDirectories(file()); // not a file: reading it fails however the test runs
        ConfirmScopesViewModel model = model(() -> SCOPES);
        assertThat(model.stateProperty().get()).isEqualTo(State.FILE_UNREADABLE);
        assertThat(model.messageProperty().get()).startsWith("Latchkey cannot read " + shown() + " (is a directory)")
                .endsWith("Fix or remove the file, then press Retry.");
        assertThat(model.rows()).allMatch(r -> !r.switchable());
        model.ask("payments/staging", true);
        assertThat(Files.isDirectory(file())).isTrue();

        Files.delete(file());
        model.load();
        assertThat(model.stateProperty().get()).isEqualTo(State.LOADED);
        assertThat(model.rows()).filteredOn(Row::switchable).extracting(Row::scope)
                .containsExactly("payments/prod", "payments/staging");
    }

    @Test
    void aFailedSaveSaysSoAndLeavesTheBoxAsItWas() throws IOException {
        ConfirmScopesViewModel model = model(() -> SCOPES);
        Files.createDirectories(config.resolve(LocalConfirmScopes.FILE + ".tmp")); // the temporary file cannot be made
        model.ask("payments/staging", true);
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).startsWith("Could not save " + shown()).endsWith("Nothing changed.");
        assertThat(model.rows()).contains(new Row("payments/staging", false, "", ""));
        assertThat(model.busyProperty().get()).isFalse();
    }
}
