package dev.latchkey.core.launch.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.brokerapi.InvalidSecretRefException;
import dev.latchkey.core.brokerapi.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFilesTest {

    @TempDir
    Path dir;

    @Test
    void referencesParseWithAndWithoutAField() {
        assertThat(SecretRef.parse("latchkey://payments/dev/db-url"))
                .isEqualTo(new SecretRef("payments", "dev", "db-url", Optional.empty()));
        SecretRef withField = SecretRef.parse("latchkey://payments/prod/stripe#secret_key");
        assertThat(withField.field()).contains("secret_key");
        assertThat(withField.scope()).isEqualTo("payments/prod");
        assertThat(withField).hasToString("latchkey://payments/prod/stripe#secret_key");
    }

    @Test
    void badReferencesSayWhatIsWrong() {
        assertThatThrownBy(() -> SecretRef.parse("latchkey://payments/db-url"))
                .isInstanceOf(InvalidSecretRefException.class).hasMessageContaining("three parts").hasMessageContaining("has 2");
        assertThatThrownBy(() -> SecretRef.parse("latchkey://Payments/dev/x"))
                .hasMessageContaining("'Payments' is not a valid part");
        assertThatThrownBy(() -> SecretRef.parse("latchkey://a/b/c#"))
                .hasMessageContaining("field");
    }

    @Test
    void anEnvTemplateHoldsReferencesAndPlainValues() throws Exception {
        Path f = dir.resolve(".env.latchkey");
        Files.writeString(f, """
                # payments service, dev
                DATABASE_URL=latchkey://payments/dev/db-url
                export LOG_LEVEL=debug   # a comment
                GREETING="hello # world"
                SINGLE='a b'

                """);
        EnvTemplate t = EnvTemplate.read(f);
        assertThat(t.variables()).containsExactly(
                Map.entry("DATABASE_URL", new EnvValue.Reference(SecretRef.parse("latchkey://payments/dev/db-url"))),
                Map.entry("LOG_LEVEL", new EnvValue.Plain("debug")),
                Map.entry("GREETING", new EnvValue.Plain("hello # world")),
                Map.entry("SINGLE", new EnvValue.Plain("a b")));
    }

    @Test
    void envTemplateErrorsNameFileLineAndWhatIsWrong() throws Exception {
        Path f = dir.resolve("bad.env");
        Files.writeString(f, "OK=1\n\nNO_EQUALS_HERE\n");
        assertThatThrownBy(() -> EnvTemplate.read(f)).isInstanceOf(LaunchFileException.class)
                .hasMessage(f + ":3: expected NAME=value, found no '='")
                .satisfies(e -> assertThat(((LaunchFileException) e).line()).isEqualTo(3));
        Files.writeString(f, "A=1\nDB=latchkey://payments/db\n");
        assertThatThrownBy(() -> EnvTemplate.read(f)).hasMessageStartingWith(f + ":2: DB: a reference has three parts");
        Files.writeString(f, "1BAD=x\n");
        assertThatThrownBy(() -> EnvTemplate.read(f)).hasMessageContaining(":1: '1BAD' is not a variable name");
        Files.writeString(f, "Q=\"open\n");
        assertThatThrownBy(() -> EnvTemplate.read(f)).hasMessageContaining(":1: the value opens with \" but never closes it");
        Files.writeString(f, "A=1\nA=2\n");
        assertThatThrownBy(() -> EnvTemplate.read(f)).hasMessageContaining(":2: A is set twice");
    }

    @Test
    void aProjectFileNamesProfiles() throws Exception {
        Path f = dir.resolve("latchkey.toml");
        Files.writeString(dir.resolve(".env.latchkey"), "LOG=debug\n");
        Files.writeString(f, """
                [profiles.api]
                command = "npm"
                args = ["run", "dev"]
                workdir = "services/api"
                env-files = [".env.latchkey"]
                pristine = true
                on-expiry = "restart"

                [profiles.api.env]
                DATABASE_URL = "latchkey://payments/dev/db-url"
                REGION = "eu"

                [profiles.api.sandboxes]
                STRIPE_KEY = { sandbox = "stripe-test", ttl = "30m" }
                OTHER = "mail-sandbox"
                """);
        LaunchProfile p = ProjectFile.read(f).profile("api");
        assertThat(p.command()).containsExactly("npm", "run", "dev");
        assertThat(p.workingFolder()).contains(dir.resolve("services/api").toAbsolutePath());
        assertThat(p.pristine()).isTrue();
        assertThat(p.mask()).isTrue();
        assertThat(p.onExpiry()).isEqualTo(OnExpiry.RESTART);
        assertThat(p.sandboxes()).containsEntry("STRIPE_KEY", new SandboxRequest("stripe-test", Duration.ofMinutes(30)))
                .containsEntry("OTHER", new SandboxRequest("mail-sandbox", SandboxRequest.DEFAULT_TTL));
        assertThat(p.variables()).containsKeys("LOG", "DATABASE_URL", "REGION");
        assertThat(LaunchProfile.refsOf(p.variables())).containsExactly(SecretRef.parse("latchkey://payments/dev/db-url"));
    }

    @Test
    void projectFileErrorsNameFileLineAndWhatIsWrong() throws Exception {
        Path f = dir.resolve("latchkey.toml");
        Files.writeString(f, "[profiles.api]\ncommand = \"x\"\nmask = \"yes\"\n");
        assertThatThrownBy(() -> ProjectFile.read(f)).isInstanceOf(LaunchFileException.class)
                .hasMessage(f + ":3: mask in profile api must be true or false");
        Files.writeString(f, "[profiles.api]\nargs = [\"a\"]\n");
        assertThatThrownBy(() -> ProjectFile.read(f)).hasMessageContaining(":1: profile api needs command");
        Files.writeString(f, "[profiles.api]\ncommand = \"x\"\n\n[profiles.api.env]\nA = \"ok\"\nDB = \"latchkey://x/y\"\n");
        assertThatThrownBy(() -> ProjectFile.read(f)).hasMessageContaining(":6: DB: a reference has three parts");
        Files.writeString(f, "[profiles.api]\ncommand = \"x\"\ncolour = 1\n");
        assertThatThrownBy(() -> ProjectFile.read(f)).hasMessageContaining(":3: unknown key 'colour'");
        Files.writeString(f, "[profiles.api]\ncommand = \"x\"\non-expiry = \"explode\"\n");
        assertThatThrownBy(() -> ProjectFile.read(f)).hasMessageContaining(":3: 'explode' is not an expiry mode");
        Files.writeString(f, "[profiles.api]\ncommand = = \"x\"\n");
        assertThatThrownBy(() -> ProjectFile.read(f)).hasMessageContaining(":2: not valid TOML");
        Files.writeString(f, "[profiles.api]\ncommand = \"x\"\n");
        assertThatThrownBy(() -> ProjectFile.read(f).profile("web")).hasMessageContaining("no profile named 'web'; profiles here: api");
    }

    @Test
    void sandboxLifetimesTakeTheSharedDurationGrammar() throws Exception {
        Path f = dir.resolve("latchkey.toml");
        Files.writeString(f, "[profiles.api]\ncommand = \"x\"\n\n[profiles.api.sandboxes]\n"
                + "A = { sandbox = \"s\", ttl = \"PT15M\" }\nB = { sandbox = \"s\", ttl = \"1h30m\" }\n");
        assertThat(ProjectFile.read(f).profile("api").sandboxes())
                .containsEntry("A", new SandboxRequest("s", Duration.ofMinutes(15)))
                .containsEntry("B", new SandboxRequest("s", Duration.ofMinutes(90)));
        Files.writeString(f, "[profiles.api]\ncommand = \"x\"\n\n[profiles.api.sandboxes]\n"
                + "A = { sandbox = \"s\", ttl = \"soon\" }\n");
        assertThatThrownBy(() -> ProjectFile.read(f).profile("api"))
                .hasMessageContaining("sandboxes.A: 'soon' is not a duration; write it like 90s, 15m, 1h30m, 2d or PT1H30M");
    }
}
