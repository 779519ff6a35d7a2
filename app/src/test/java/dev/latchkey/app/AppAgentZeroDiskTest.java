package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.DevBroker;
import dev.latchkey.testsupport.broker.BrokerProcess;
import dev.latchkey.testsupport.devidp.DevSignIn;
import dev.latchkey.testsupport.trace.FileWrites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security invariant 1 for the agent the desktop app serves: the real app, in a JVM of its own
 * under {@code strace -f} ({@link TracedApp}), signs ada in; a real {@code latchkey run
 * --refresh-endpoint --sandbox}, under strace too, goes through the app's agent, and its child
 * reads the launch's refresh endpoint. Neither a served value, nor the minted sandbox token, nor
 * the app's own access token is in the bytes of any write to a named file of either process tree,
 * in any file they opened for writing, or in any file under the test's folders. The child's output
 * (which prints what it was served) comes back through a pipe: a file of the test's would be a
 * write of the test's own.
 */
class AppAgentZeroDiskTest {

    private static final Pattern VALUE = Pattern.compile("\"value\":\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("token=(\\S+)");
    /** payments/dev's database URL in the dev broker's demo organisation (the broker's seed.DemoOrganisation). */
    private static final String DB_URL = "postgresql://payments_app:dev-Kq83vLx2@127.0.0.1:5432/payments_dev";

    @TempDir
    Path root;

    @TempDir
    Path traces;

    private BrokerProcess broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void nothingTheAppsAgentServesNorItsTokenReachesAnyFile() throws Exception {
        FileWrites.requireStrace();
        Instant start = Instant.now().minusSeconds(1);
        broker = DevBroker.start();
        Path project = Files.createDirectories(root.resolve("project"));
        Set<String> secrets = new LinkedHashSet<>();
        Path cliTrace = traces.resolve("cli.txt");
        String served;
        TracedApp app = TracedApp.start(root, broker.url(), traces.resolve("app.txt"));
        try {
            DevSignIn.approve(broker.url(), app.userCode(), "ada");
            secrets.add(app.accessToken());
            String read = "curl -s -H \"Authorization: Bearer $LATCHKEY_CREDENTIALS_TOKEN\" \"$LATCHKEY_CREDENTIALS_URL\"";
            ProcessBuilder run = CliLaunch.after(FileWrites.command(cliTrace), root, project, List.of("--no-mask",
                            "--refresh-endpoint", "--env", "DB_URL=latchkey://payments/dev/db-url",
                            "--sandbox", "T=payments-sandbox:5m"),
                    List.of("sh", "-c", "echo \"token=$T\"; " + read + "; echo; " + read + "?format=env; echo; echo read-twice"),
                    broker.url().toString(), app.socket()).redirectErrorStream(true);
            served = output(run.start());
        } finally {
            app.quit();
        }
        assertThat(served).contains("read-twice", DB_URL, "\"sandbox\":\"payments-sandbox\"", "DB_URL=");
        Matcher minted = TOKEN.matcher(served);
        assertThat(minted.find()).as(served).isTrue();
        secrets.add(minted.group(1));
        for (Matcher m = VALUE.matcher(served); m.find(); ) {
            secrets.add(m.group(1));
        }
        assertThat(secrets).as("the app's token, the minted token and what the endpoint served").contains(DB_URL)
                .hasSizeGreaterThanOrEqualTo(3);

        FileWrites appWrites = app.writes();
        FileWrites cliWrites = FileWrites.read(cliTrace, project);
        // The traces saw real writes, so a check of nothing cannot pass: the agent's record of the read, the launch's.
        assertThat(appWrites.writtenTo()).as("the app's agent records the read in its launch log")
                .contains(root.resolve("app").resolve("state").resolve("launches.jsonl").toString());
        assertThat(cliWrites.writtenTo()).as("the CLI records the launch").anyMatch(f -> f.endsWith("launches.jsonl"));
        appWrites.assertNoneHolds(secrets);
        cliWrites.assertNoneHolds(secrets);
        FileWrites.assertNoneUnder(List.of(root), start, secrets);
    }

    /** All {@code p} writes to its output (a pipe), once it has ended (bounded). */
    private static String output(Process p) throws Exception {
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("latchkey run did not end within 120 s");
        }
        String text = out.get(30, TimeUnit.SECONDS);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
