package dev.latchkey.broker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A broker started from its jar for the bench: its URL, its memory, and a clean stop. */
final class BrokerProcess implements AutoCloseable {

    /** The heap line of GC.heap_info: "garbage-first heap   total reserved ...K, committed ...K, used ...K". */
    private static final Pattern HEAP_USED = Pattern.compile("heap .*?used (\\d+)K");

    private final Process process;
    private final URI url;

    private BrokerProcess(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Starts {@code java <jvm> -jar jar <args>} and waits until it prints where it listens. */
    static BrokerProcess start(Path jar, List<String> jvm, List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java("java")));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar.toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            int at = line.indexOf("listening on ");
            if (at >= 0) {
                return new BrokerProcess(p, URI.create(line.substring(at + "listening on ".length()).strip()));
            }
        }
        throw new IllegalStateException("the broker exited without printing its URL; see " + log + ":\n"
                + Files.readString(log));
    }

    URI url() {
        return url;
    }

    /** Resident memory now, in MiB (Linux). */
    long rssMib() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** The live heap after a full collection, in MiB, as jcmd reports it. */
    long heapAfterGcMib() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java("jcmd"), Long.toString(process.pid()), command).redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return text;
    }

    private static String java(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
