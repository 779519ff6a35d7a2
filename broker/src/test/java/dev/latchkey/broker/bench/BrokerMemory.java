package dev.latchkey.broker.bench;

import dev.latchkey.testsupport.broker.BrokerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The memory a broker process holds, as the bench reports it. */
final class BrokerMemory {

    /** The heap line of GC.heap_info: "garbage-first heap   total reserved ...K, committed ...K, used ...K". */
    private static final Pattern HEAP_USED = Pattern.compile("heap .*?used (\\d+)K");

    private BrokerMemory() {
    }

    /** Resident memory now, in MiB (Linux). */
    static long rssMib(BrokerProcess broker) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + broker.pid() + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** The live heap after a full collection, in MiB, as jcmd reports it. */
    static long heapAfterGcMib(BrokerProcess broker) throws IOException, InterruptedException {
        jcmd(broker, "GC.run");
        Matcher m = HEAP_USED.matcher(jcmd(broker, "GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
    }

    private static String jcmd(BrokerProcess broker, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(broker.pid()), command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return text;
    }
}
