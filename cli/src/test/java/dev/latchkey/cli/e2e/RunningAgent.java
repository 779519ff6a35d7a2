package dev.latchkey.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.cli.CliProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code latchkey agent} as its own process, serving once it says so; closing sends SIGTERM and waits. */
final class RunningAgent implements AutoCloseable {

    private final Process process;
    private final StringBuilder output = new StringBuilder();

    private RunningAgent(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException ended) {
                // The agent ended.
            }
        });
    }

    /** Starts the agent for the session in {@code home}'s keychain and waits until it serves. */
    static RunningAgent start(Path home, Map<String, String> env) throws IOException {
        RunningAgent agent = new RunningAgent(CliProcess.builder(home, env, List.of("agent")).redirectErrorStream(true).start());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> agent.output().contains("latchkey agent: serving")
                    || !agent.process.isAlive());
            assertThat(agent.output()).contains("latchkey agent: serving");
        } catch (RuntimeException | AssertionError e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    long pid() {
        return process.pid();
    }

    /** What it printed so far (stdout and stderr). */
    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM
        try {
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the agent stops on SIGTERM").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
