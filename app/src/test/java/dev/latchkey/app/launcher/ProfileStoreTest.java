package dev.latchkey.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.OnExpiry;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's profile file is a latchkey.toml that core's own parser reads back, holding references only. */
class ProfileStoreTest {

    @TempDir
    Path config;

    private static LaunchProfile api(Path folder) {
        return new LaunchProfile("payments-api", List.of("sh", "-c", "echo \"$DB_URL\" \\ done"), Optional.of(folder),
                List.of(), Map.of("DB_URL", new EnvValue.Reference(SecretRef.parse("latchkey://payments/dev/db-url"))),
                Map.of("STRIPE_TOKEN", new SandboxRequest("payments-sandbox", Duration.ofMinutes(10))),
                true, false, OnExpiry.RESTART);
    }

    @Test
    void savedProfilesReadBackUnchangedThroughCoresParser() {
        ProfileStore store = new ProfileStore(config);
        assertThat(store.load()).isEmpty();
        LaunchProfile one = api(config.toAbsolutePath());
        LaunchProfile two = LaunchProfile.forCommand(List.of("npm", "run", "dev")).with(true, true, OnExpiry.WARN);
        two = new LaunchProfile("web_2", two.command(), Optional.empty(), List.of(), Map.of(), Map.of(), true, true,
                OnExpiry.WARN);
        store.save(List.of(one, two));
        assertThat(store.load()).containsExactly(one, two);
    }

    @Test
    void theFileHoldsNamesAndReferencesButRefusesAnythingElseAsAVariable() throws Exception {
        ProfileStore store = new ProfileStore(config);
        store.save(List.of(api(config.toAbsolutePath())));
        String text = Files.readString(store.file());
        assertThat(text).contains("[profiles.payments-api.env]\nDB_URL = 'latchkey://payments/dev/db-url'\n")
                .contains("[profiles.payments-api.sandboxes]\nSTRIPE_TOKEN.sandbox = 'payments-sandbox'\n"
                        + "STRIPE_TOKEN.ttl = '10m'\n");

        LaunchProfile plain = new LaunchProfile("leaky", List.of("env"), Optional.empty(), List.of(),
                Map.of("DB_PASSWORD", new EnvValue.Plain("hunter2-not-a-ref")), Map.of(), true, false, OnExpiry.WARN);
        assertThatThrownBy(() -> store.save(List.of(plain))).hasMessageContaining("references only")
                .hasMessageNotContaining("hunter2");
        assertThat(Files.readString(store.file())).doesNotContain("hunter2").isEqualTo(text);
    }

    @Test
    void aProfileNameThatIsNotABareKeyIsRefused() {
        LaunchProfile odd = new LaunchProfile("my api", List.of("true"), Optional.empty(), List.of(), Map.of(), Map.of(),
                true, false, OnExpiry.WARN);
        assertThatThrownBy(() -> new ProfileStore(config).save(List.of(odd))).hasMessageContaining("not a profile name");
    }

    @Test
    void quotesBackslashesUnicodeControlCharactersAndEmptyListsReadBackUnchanged() {
        Path odd = config.resolve("w\u00f6rk 'dir' \"x\" \\ y\nz \u2713 \ud83d\ude00").toAbsolutePath();
        LaunchProfile tricky = new LaunchProfile("tricky_1", List.of("say \"hi\"", "it's", "back\\slash\\", "line\nbreak\r\ttab",
                "\u00e9 \u2713 \ud83d\ude00", "'''", "\"\"\"", "bell\u0007 del\u007f", "", "# not a comment", "[not.a.table]"),
                Optional.of(odd), List.of(odd.resolve(".env \"quoted\"")),
                Map.of("DB_URL", new EnvValue.Reference(SecretRef.parse("latchkey://payments/dev/db-url"))),
                Map.of("TOKEN", new SandboxRequest("sand'box \"\u2713\"", Duration.ofMinutes(90))), false, true, OnExpiry.STOP);
        LaunchProfile bare = new LaunchProfile("bare", List.of("true"), Optional.empty(), List.of(), Map.of(), Map.of(),
                true, false, OnExpiry.WARN);
        ProfileStore store = new ProfileStore(config);

        store.save(List.of(tricky, bare));

        assertThat(store.load()).containsExactly(tricky, bare);
        assertThat(ProfileStore.toml(List.of(bare))).contains("[profiles.bare]\ncommand = 'true'\nargs = []\n")
                .doesNotContain("env-files").doesNotContain("[profiles.bare.env]");
    }

    @Test
    void aFileInTheEarlierHandWrittenFormatStillLoads() throws Exception {
        Path folder = config.toAbsolutePath();
        Files.writeString(config.resolve(ProfileStore.FILE), """
                # Latchkey app launch profiles: names and references only, never values.

                [profiles.payments-api]
                command = "sh"
                args = ["-c", "echo \\"$DB_URL\\" \\\\ done"]
                workdir = "%s"
                mask = true
                pristine = false
                on-expiry = "restart"

                [profiles.payments-api.env]
                DB_URL = "latchkey://payments/dev/db-url"

                [profiles.payments-api.sandboxes]
                STRIPE_TOKEN = { sandbox = "payments-sandbox", ttl = "10m" }
                """.formatted(folder));

        assertThat(new ProfileStore(config).load()).containsExactly(api(folder));
    }
}
