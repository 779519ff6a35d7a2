package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access requests end to end: a dev broker, ada and grace signed in through the dev IdP form,
 * each with their own machine (HOME), talking to the broker only through the CLI.
 */
class AccessRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAGING_REF = "latchkey://payments/staging/db-url";
    private static final String PROD_REF = "latchkey://payments/prod/db-url";

    @TempDir
    Path temp;

    RunningBroker broker;
    CliRun.World ada;
    CliRun.World grace;

    @BeforeEach
    void startBrokerAndSignInAdaAndGrace() throws Exception {
        broker = LatchkeyBroker.start(BrokerConfig.dev());
        ada = world("ada");
        grace = world("grace");
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private CliRun.World world(String user) throws Exception {
        String token = DevSignIn.accessToken(broker.url(), user);
        return new CliRun.World(Files.createDirectories(temp.resolve(user)),
                Map.of("LATCHKEY_BROKER", broker.url().toString()), () -> token);
    }

    @Test
    void anAutoApprovedStagingRequestOpensTheRunThatWasRefusedBefore() throws Exception {
        CliRun before = ada.run("run", "--env", "DB_URL=" + STAGING_REF, "--", "sh", "-c", "echo \"$DB_URL\"");
        assertThat(before.exitCode).as(before.toString()).isEqualTo(ExitCodes.ACCESS_DENIED);
        assertThat(before.err).contains("latchkey request payments/staging --duration 1h");

        CliRun request = ada.run("request", "payments/staging", "--duration", "1h", "--reason", "PAY-123 debugging the webhook");
        assertThat(request.exitCode).as(request.toString()).isZero();
        assertThat(request.out).contains("payments/staging", "was approved by policy rule staging-short", "left");

        CliRun after = ada.run("run", "--env", "DB_URL=" + STAGING_REF, "--", "sh", "-c", "echo \"$DB_URL\"");
        assertThat(after.exitCode).as(after.toString()).isZero();
        assertThat(after.childOut).isEqualTo("<latchkey:DB_URL>\n");

        JsonNode grants = JSON.readTree(ada.run("grants", "--json").out);
        assertThat(grants).singleElement().satisfies(g -> {
            assertThat(g.path("scope").asText()).isEqualTo("payments/staging");
            assertThat(g.path("state").asText()).isEqualTo("active");
        });
        assertThat(ada.run("grants").out).contains("payments/staging", "active", "left");
    }

    @Test
    void askingAgainForWhatYouHoldSaysSoAndWithExtendAsksForMoreTimeOnThatGrant() throws Exception {
        assertThat(ada.run("request", "payments/staging", "--duration", "1h", "--reason", "PAY-123 first hour").exitCode)
                .isZero();
        String grant = JSON.readTree(ada.run("grants", "--json").out).get(0).path("id").asText();

        CliRun again = ada.run("request", "payments/staging", "--duration", "1h", "--reason", "PAY-123 second hour");
        assertThat(again.exitCode).as(again.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err).contains("latchkey: you already hold payments/staging until", "(grant " + grant + ")")
                .contains("hint: ask for more time on that grant: latchkey extend GRANT", "--extend");

        CliRun extended = ada.run("request", "payments/staging", "--duration", "1h", "--reason", "PAY-123 second hour",
                "--extend", "--json");
        assertThat(extended.exitCode).as(extended.toString()).isZero();
        assertThat(JSON.readTree(extended.out).path("extendsGrant").asText()).isEqualTo(grant);
        assertThat(JSON.readTree(ada.run("grants", "--json").out)).hasSize(2);
    }

    @Test
    void aRequestBeyondTheScopesLimitFailsNamingTheLimitAndCreatesNothing() throws Exception {
        CliRun run = ada.run("request", "payments/prod", "--duration", "4h", "--reason", "PAY-123 long hotfix window");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).contains("payments/prod allows at most 1h").contains("hint: fix duration");
        assertThat(JSON.readTree(ada.run("requests", "--json").out)).isEmpty();
    }

    @Test
    void dryRunSaysWhatWouldHappenAndCreatesNothing() throws Exception {
        CliRun prod = ada.run("request", "payments/prod", "--duration", "30m", "--reason", "PAY-123 prod hotfix", "--dry-run");
        assertThat(prod.exitCode).as(prod.toString()).isZero();
        assertThat(prod.out).contains("would wait for a reviewer in payments-leads", "Longest allowed: 1h",
                "Nothing was created");

        CliRun staging = ada.run("request", "payments/staging", "--duration", "1h", "--reason", "PAY-123 staging", "--dry-run");
        assertThat(staging.out).contains("would be approved at once by policy rule staging-short");

        CliRun tooLong = ada.run("request", "payments/prod", "--duration", "4h", "--reason", "PAY-123 prod hotfix", "--dry-run");
        assertThat(tooLong.exitCode).as(tooLong.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(tooLong.out).contains("would be refused", "What is wrong:", "duration: payments/prod allows at most 1h");

        JsonNode json = JSON.readTree(ada.run("request", "payments/prod", "--duration", "30m", "--reason",
                "PAY-123 prod hotfix", "--dry-run", "--json").out);
        assertThat(json.path("outcome").asText()).isEqualTo("needs-approval");
        assertThat(json.path("maxDurationSeconds").asLong()).isEqualTo(3600);

        assertThat(JSON.readTree(ada.run("requests", "--json").out)).isEmpty();
    }

    @Test
    void graceApprovesAdasProdRequestWhileAdaWaits() throws Exception {
        CompletableFuture<CliRun> waiting = CompletableFuture.supplyAsync(() -> ada.run("request", "payments/prod",
                "--duration", "30m", "--reason", "PAY-123 prod hotfix", "--wait", "--timeout", "60s"));
        String id = awaitToReview(grace, "ada");
        assertThat(grace.run("requests", "--to-review").out).contains(id, "payments/prod", "PAY-123 prod hotfix");

        CliRun approve = grace.run("approve", id, "--reason", "ok for the hotfix");
        assertThat(approve.exitCode).as(approve.toString()).isZero();
        assertThat(approve.out).contains(id, "was approved by grace");

        CliRun decided = waiting.get(60, TimeUnit.SECONDS);
        assertThat(decided.exitCode).as(decided.toString()).isZero();
        assertThat(decided.out).contains("was approved by grace");

        CliRun run = ada.run("run", "--env", "DB_URL=" + PROD_REF, "--", "sh", "-c", "echo \"$DB_URL\"");
        assertThat(run.exitCode).as(run.toString()).isZero();

        CliRun again = grace.run("approve", id);
        assertThat(again.exitCode).as(again.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err).contains("already approved").contains("hint: see where it stands");
    }

    @Test
    void aDenialEndsAdasWaitWithExit3AndTheReason() throws Exception {
        CompletableFuture<CliRun> waiting = CompletableFuture.supplyAsync(() -> ada.run("request", "payments/prod",
                "--duration", "30m", "--reason", "PAY-123 prod hotfix", "--wait", "--timeout", "60s"));
        String id = awaitToReview(grace, "ada");

        CliRun own = ada.run("approve", id);
        assertThat(own.exitCode).as(own.toString()).isEqualTo(ExitCodes.ACCESS_DENIED);
        assertThat(own.err).contains("hint: see the requests you may decide");

        CliRun noReason = grace.run("deny", id);
        assertThat(noReason.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(noReason.err).contains("--reason");

        CliRun deny = grace.run("deny", id, "--reason", "not without a ticket for prod");
        assertThat(deny.exitCode).as(deny.toString()).isZero();

        CliRun decided = waiting.get(60, TimeUnit.SECONDS);
        assertThat(decided.exitCode).as(decided.toString()).isEqualTo(ExitCodes.ACCESS_DENIED);
        assertThat(decided.out).contains("was denied by grace: not without a ticket for prod");
    }

    @Test
    void aWaitThatTimesOutLeavesTheRequestPendingAndExits5() throws Exception {
        CliRun run = ada.run("request", "payments/prod", "--duration", "30m", "--reason", "PAY-123 prod hotfix",
                "--wait", "--timeout", "2s");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.STILL_PENDING);
        assertThat(run.err).contains("still pending after 2s");
        JsonNode mine = JSON.readTree(ada.run("requests", "--json").out);
        assertThat(mine).singleElement().satisfies(r -> assertThat(r.path("state").asText()).isEqualTo("pending"));
    }

    @Test
    void cancelWithdrawsAPendingRequest() throws Exception {
        JsonNode created = JSON.readTree(ada.run("request", "payments/prod", "--duration", "30m", "--reason",
                "PAY-123 prod hotfix", "--json").out);
        String id = created.path("id").asText();
        assertThat(created.path("state").asText()).isEqualTo("pending");
        CliRun cancel = ada.run("cancel", id);
        assertThat(cancel.exitCode).as(cancel.toString()).isZero();
        assertThat(cancel.out).contains("was cancelled");
        assertThat(JSON.readTree(grace.run("requests", "--to-review", "--json").out)).isEmpty();
    }

    @Test
    void revokeEndsAGrantAtOnce() throws Exception {
        ada.run("request", "payments/staging", "--duration", "1h", "--reason", "PAY-123 debugging the webhook");
        String grant = JSON.readTree(ada.run("grants", "--json").out).get(0).path("id").asText();
        CliRun revoke = ada.run("revoke", grant, "--reason", "done early");
        assertThat(revoke.exitCode).as(revoke.toString()).isZero();
        assertThat(revoke.out).contains("revoked");
        CliRun run = ada.run("run", "--env", "DB_URL=" + STAGING_REF, "--", "true");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.ACCESS_DENIED);
    }

    @Test
    void aGrantRevokedWhileTheProgramRunsStopsItAtOnce() throws Exception {
        ada.run("request", "payments/staging", "--duration", "1h", "--reason", "PAY-123 debugging the webhook");
        String grant = JSON.readTree(ada.run("grants", "--json").out).get(0).path("id").asText();
        Path started = temp.resolve("started");
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> ada.run("run", "--on-expiry", "stop",
                "--env", "DB_URL=" + STAGING_REF, "--", "sh", "-c", "touch " + started + "; while :; do sleep 0.05; done"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(started));
        // At once, whether or not the run's event stream has connected yet: a revocation the stream
        // cannot replay is found when it connects and reads the grants again.
        assertThat(grace.run("revoke", grant, "--reason", "incident over").exitCode).isZero();

        CliRun run = running.get(30, TimeUnit.SECONDS);
        assertThat(run.exitCode).as(run.toString()).isEqualTo(128 + 15);
        assertThat(run.err).contains("access to payments/staging/db-url: grant " + grant + " was revoked by grace")
                .contains("access to payments/staging/db-url has ended; stopping the program");
        assertThat(run.err.split("was revoked", -1)).as("said once").hasSize(2);
    }

    @Test
    void aLaterStartIsScheduledAndAnExtensionContinuesWhereTheGrantEnds() throws Exception {
        CliRun later = ada.run("request", "payments/staging", "--duration", "1h", "--reason", "PAY-123 tomorrow's debugging",
                "--start", "+2h", "--json");
        assertThat(later.exitCode).as(later.toString()).isZero();
        assertThat(JSON.readTree(later.out).path("grant").path("state").asText()).isEqualTo("scheduled");
        assertThat(ada.run("grants").out).contains("scheduled", "from ");
        CliRun notYet = ada.run("run", "--env", "DB_URL=" + STAGING_REF, "--", "true");
        assertThat(notYet.exitCode).as("a scheduled grant opens nothing yet").isEqualTo(ExitCodes.ACCESS_DENIED);

        String grant = JSON.readTree(later.out).path("grant").path("id").asText();
        CliRun extend = ada.run("extend", grant, "--duration", "30m", "--reason", "PAY-123 a little longer", "--json");
        assertThat(extend.exitCode).as(extend.toString()).isZero();
        JsonNode extension = JSON.readTree(extend.out);
        assertThat(extension.path("extendsGrant").asText()).isEqualTo(grant);
        assertThat(extension.path("grant").path("startsAt").asText())
                .isEqualTo(JSON.readTree(later.out).path("grant").path("endsAt").asText());
    }

    /** Waits until {@code reviewer} sees a pending request by {@code requester}; returns its id. */
    private static String awaitToReview(CliRun.World reviewer, String requester) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode r : JSON.readTree(reviewer.run("requests", "--to-review", "--json").out)) {
                if (r.path("requester").asText().equals(requester)) {
                    id[0] = r.path("id").asText();
                    return true;
                }
            }
            return false;
        });
        return id[0];
    }
}
