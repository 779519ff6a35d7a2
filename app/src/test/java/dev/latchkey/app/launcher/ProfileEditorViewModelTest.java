package dev.latchkey.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The profile form: what Save keeps, and what it refuses with words. */
class ProfileEditorViewModelTest {

    private final List<LaunchProfile> saved = new ArrayList<>();
    private final ProfileEditorViewModel form = new ProfileEditorViewModel(Optional.empty(), List.of("other"),
            List.of("latchkey://payments/dev/db-url"), saved::add);

    private void nameAndCommand() {
        form.nameProperty().set("payments-api");
        form.commandProperty().set("npm");
        form.argsProperty().set("run dev");
    }

    @Test
    void aVariableFilledInButNotAddedIsSavedNotDropped() {
        nameAndCommand();
        form.newVariableProperty().set("DATABASE_URL");
        form.newRefProperty().set("latchkey://payments/dev/db-url");

        assertThat(form.save()).isTrue();

        assertThat(saved).singleElement().satisfies(p -> assertThat(p.env())
                .containsEntry("DATABASE_URL", new EnvValue.Reference(SecretRef.parse("latchkey://payments/dev/db-url"))));
        assertThat(form.env()).extracting(ProfileEditorViewModel.EnvBinding::variable).containsExactly("DATABASE_URL");
        assertThat(form.newVariableProperty().get()).isEmpty();
    }

    @Test
    void aHalfFilledVariableRowStopsTheSaveAndSaysWhatIsMissing() {
        nameAndCommand();
        form.newVariableProperty().set("DATABASE_URL");

        assertThat(form.save()).isFalse();

        assertThat(saved).isEmpty();
        assertThat(form.errorProperty().get()).startsWith("Pick a secret for DATABASE_URL");
        assertThat(form.newVariableProperty().get()).as("what was typed stays to be fixed").isEqualTo("DATABASE_URL");
    }

    @Test
    void aValueTypedWhereAReferenceBelongsIsRefusedAndNothingIsSaved() {
        nameAndCommand();
        form.newVariableProperty().set("STRIPE_KEY");
        form.newRefProperty().set("sk_live_typed_by_hand");

        assertThat(form.save()).isFalse();

        assertThat(saved).isEmpty();
        assertThat(form.errorProperty().get()).contains("Values cannot be typed here");
    }

    @Test
    void aSandboxTokenFilledInButNotAddedIsSavedNotDropped() {
        nameAndCommand();
        form.newSandboxVariableProperty().set("PAYMENTS_TOKEN");
        form.newSandboxProperty().set("payments-sandbox");
        form.newSandboxTtlProperty().set("30m");

        assertThat(form.save()).isTrue();

        assertThat(saved).singleElement().satisfies(p -> {
            assertThat(p.sandboxes()).containsOnlyKeys("PAYMENTS_TOKEN");
            assertThat(p.sandboxes().get("PAYMENTS_TOKEN").ttl()).isEqualTo(Duration.ofMinutes(30));
        });
    }

    @Test
    void anEmptyRowAndTheDefaultLifetimeAddNothing() {
        nameAndCommand();

        assertThat(form.save()).isTrue();

        assertThat(saved).singleElement().satisfies(p -> {
            assertThat(p.env()).isEmpty();
            assertThat(p.sandboxes()).isEmpty();
        });
    }

    @Test
    void aNameAnotherProfileHasIsRefused() {
        form.nameProperty().set("other");
        form.commandProperty().set("npm");

        assertThat(form.save()).isFalse();

        assertThat(form.errorProperty().get()).isEqualTo("There is already a profile named other; pick another name.");
    }
}
