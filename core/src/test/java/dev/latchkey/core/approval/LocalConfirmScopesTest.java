package dev.latchkey.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalConfirmScopesTest {

    @TempDir
    Path config;

    @Test
    void noFileMarksNothingAndAFileThatCannotBeReadIsToldApartByLoad() throws IOException {
        assertThat(LocalConfirmScopes.load(config)).isEmpty();
        Files.createDirectories(config.resolve(LocalConfirmScopes.FILE));
        assertThat(LocalConfirmScopes.read(config)).isEmpty();
        assertThatThrownBy(() -> LocalConfirmScopes.load(config)).isInstanceOf(IOException.class);
    }

    @Test
    void writesOneScopeALineWholeAndPrivate() throws IOException {
        Files.writeString(config.resolve(LocalConfirmScopes.FILE), "# mine\npayments/prod\n  billing/dev \nnot a scope\n");
        assertThat(LocalConfirmScopes.load(config)).containsExactlyInAnyOrder("payments/prod", "billing/dev");

        LocalConfirmScopes.write(config, List.of("payments/staging", "billing/dev"));
        Path file = config.resolve(LocalConfirmScopes.FILE);
        assertThat(Files.readString(file)).isEqualTo(
                "# Scopes Latchkey asks about before a launch reads them (one team/env a line).\nbilling/dev\npayments/staging\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(config)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).as("no temporary file left")
                    .containsExactly(LocalConfirmScopes.FILE);
        }
        assertThatThrownBy(() -> LocalConfirmScopes.write(config, List.of("prod")))
                .hasMessageContaining("'prod' is not a scope");
        assertThat(LocalConfirmScopes.read(config)).containsExactlyInAnyOrder("payments/staging", "billing/dev");
    }
}
