package dev.latchkey.broker;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar latchkey-broker.jar [--dev] [--host H] [--port N]}. */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        String host = "127.0.0.1";
        int port = 8443;
        boolean dev = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dev" -> dev = true;
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("latchkey-broker: unknown option " + args[i]
                            + " (try --dev, --host, --port)");
                    System.exit(1);
                }
            }
        }
        RunningBroker broker = LatchkeyBroker.start(new BrokerConfig(host, port, dev));
        out.println("Latchkey broker listening on " + broker.url());
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        new CountDownLatch(1).await();
    }
}
