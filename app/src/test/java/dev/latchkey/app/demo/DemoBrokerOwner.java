package dev.latchkey.app.demo;

import java.nio.file.Path;

/**
 * A stand-in for the app in {@link DemoBrokerTest}: a JVM of its own that starts the demo broker
 * as the app does, says the broker's pid, and then waits to be killed.
 *
 * <pre>java -Dlatchkey.demo.broker=JAR -cp TEST_CLASSPATH dev.latchkey.app.demo.DemoBrokerOwner LOG</pre>
 */
public final class DemoBrokerOwner {

    private DemoBrokerOwner() {
    }

    public static void main(String[] args) throws Exception {
        DemoBroker broker = DemoBroker.launch(DemoBrokerProgram.locate(), Path.of(args[0]));
        System.out.println("listening on " + broker.awaitUrl(DemoBrokerRunner.READY_WITHIN));
        System.out.println("broker pid " + broker.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
