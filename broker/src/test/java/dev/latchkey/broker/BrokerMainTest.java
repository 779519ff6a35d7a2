package dev.latchkey.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.policy.ScopeId;
import dev.latchkey.broker.sandbox.SigningKeys;
import dev.latchkey.broker.secrets.SecretVault;
import dev.latchkey.broker.store.Database;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return BrokerMain.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void plainHttpOnAReachableAddressIsRefused() {
        int code = run("", "--dev", "--host", "0.0.0.0", "--port", "0");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("refusing plain HTTP on 0.0.0.0").contains("--insecure-http");
    }

    @Test
    void productionNeedsAnIssuer() {
        assertThat(run("", "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--issuer");
    }

    @Test
    void theConnectionCapPerAddressIsAnOption() {
        assertThat(BrokerMain.parse("--dev", "--max-connections-per-address", "7").limits()
                .connectionsPerAddress()).isEqualTo(7);
        assertThat(BrokerMain.parse("--dev").limits().connectionsPerAddress()).isEqualTo(100);
        assertThat(run("", "--dev", "--max-connections-per-address", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-connections-per-address needs a number from 0");
    }

    @Test
    void theDevIdpsPollIntervalIsAnOption() {
        assertThat(BrokerMain.parse("--dev", "--dev-poll-interval", "1s").devPollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(BrokerMain.parse("--dev").devPollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(run("", "--dev", "--dev-poll-interval", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--dev-poll-interval");
    }

    @Test
    void aMalformedDevClockIsAUsageError() {
        assertThat(run("", "--dev", "--dev-clock", "tomorrow")).isEqualTo(2);
        assertThat(err.toString()).contains("--dev-clock");
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        assertThat(run("", "--dev", "--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown option --frobnicate").contains("usage:");
    }

    @Test
    void secretsPutReadsTheValueFromStdinAndStoresItEncrypted(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("master.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "admins: [ops]\nscopes:\n  payments/prod:\n    browse: [x]\n");
        String db = "jdbc:h2:file:" + dir.resolve("data").toAbsolutePath();

        int code = run("sk_live_from_stdin_123\n", "secrets", "put", "payments/prod", "stripe-api-key",
                "--db", db, "--master-key-file", key.toString(), "--policy", policy.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("stored payments/prod/stripe-api-key version 1");
        assertThat(out.toString() + err).doesNotContain("sk_live_from_stdin_123");
        String files = new String(Files.readAllBytes(dir.resolve("data.mv.db")), StandardCharsets.ISO_8859_1);
        assertThat(files).contains("stripe-api-key").doesNotContain("sk_live_from_stdin_123");

        out.reset();
        assertThat(run("second\n", "secrets", "put", "payments/prod", "stripe-api-key",
                "--db", db, "--master-key-file", key.toString())).isZero();
        assertThat(out.toString()).contains("version 2");
    }

    @Test
    void masterKeyRotateReSealsTheDatabaseAndOnlyTheNewKeyOpensIt(@TempDir Path dir) throws Exception {
        Path oldKey = dir.resolve("old.key");
        Path newKey = dir.resolve("new.key");
        Files.writeString(oldKey, Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
        Files.writeString(newKey, Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
        String db = "jdbc:h2:file:" + dir.resolve("data").toAbsolutePath();
        assertThat(run("v1\n", "secrets", "put", "payments/prod", "stripe-api-key", "--db", db,
                "--master-key-file", oldKey.toString())).isZero();
        try (var opened = Database.open(db)) {
            SigningKeys.open(opened, MasterKeys.load(BrokerConfig.dev()
                    .withMasterKey(new MasterKeySource.File(oldKey))), Clock.systemUTC());
        }

        assertThat(run("", "master-key", "rotate", "--db", db, "--master-key-file", oldKey.toString(),
                "--new-master-key-file", newKey.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("re-sealed 1 data keys and 1 signing keys under the new master key");

        assertThat(run("v2\n", "secrets", "put", "payments/prod", "stripe-api-key", "--db", db,
                "--master-key-file", oldKey.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not the key this database was sealed with");
        out.reset();
        assertThat(run("v2\n", "secrets", "put", "payments/prod", "stripe-api-key", "--db", db,
                "--master-key-file", newKey.toString())).isZero();
        assertThat(out.toString()).contains("version 2");
        try (var opened = Database.open(db)) {
            var vault = SecretVault.open(opened, MasterKeys.load(BrokerConfig.dev()
                    .withMasterKey(new MasterKeySource.File(newKey))), Clock.systemUTC());
            assertThat(vault.current(new ScopeId("payments", "prod"), "stripe-api-key").orElseThrow().value()).isEqualTo("v2");
            assertThat(SigningKeys.open(opened, MasterKeys.load(BrokerConfig.dev()
                    .withMasterKey(new MasterKeySource.File(newKey))), Clock.systemUTC()))
                    .isNotNull();
        }
    }

    @Test
    void secretsPutRefusesAScopeThePolicyLacks(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("master.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(new byte[32]));
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "admins: [ops]\nscopes:\n  payments/prod:\n    browse: [x]\n");
        int code = run("v\n", "secrets", "put", "billing/prod", "x", "--db",
                "jdbc:h2:file:" + dir.resolve("data").toAbsolutePath(), "--master-key-file", key.toString(),
                "--policy", policy.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no scope billing/prod");
    }
}
