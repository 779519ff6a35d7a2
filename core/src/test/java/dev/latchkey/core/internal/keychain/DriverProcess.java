package dev.latchkey.core.internal.keychain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link KeychainDriver} in its own JVM on a private desktop, and the lines it answers. */
final class DriverProcess implements AutoCloseable {

    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> prompts = new LinkedBlockingQueue<>();
    private final List<String> everything = new ArrayList<>();

    private DriverProcess(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (everything) {
                        everything.add(line);
                    }
                    (line.startsWith("= ") ? answers : prompts).add(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "keychain-driver-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a driver on {@code desktop}.
     *
     * @param jvmOptions more options for its JVM, such as a system property
     */
    static DriverProcess start(PrivateDesktop desktop, String service, Path locks, String... jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KeychainDriver.class.getName(), service,
                locks.toString()));
        return new DriverProcess(desktop.start(desktop.process(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)));
    }

    /** Sends {@code command} and waits (up to 120 s) for its answer, without the leading "= ". */
    String ask(String command) throws IOException, InterruptedException {
        send(command);
        return answer();
    }

    void send(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
    }

    /** The next answer, without the leading "= ". */
    String answer() throws InterruptedException {
        String a = answers.poll(120, TimeUnit.SECONDS);
        if (a == null) {
            throw new AssertionError("the driver did not answer within 120 s; it said: " + said());
        }
        return a.substring(2);
    }

    /** The next prompt the driver reported, once it reports one (up to 60 s). */
    String awaitPrompt() throws InterruptedException {
        String p = prompts.poll(60, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("the driver reported no prompt within 60 s; it said: " + said());
        }
        return p;
    }

    /** Everything the driver printed so far. */
    List<String> said() {
        synchronized (everything) {
            return List.copyOf(everything);
        }
    }

    @Override
    public void close() {
        PrivateDesktop.stop(process);
    }
}
