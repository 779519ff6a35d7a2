package dev.latchkey.cli.e2e;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.util.concurrent.CountDownLatch;

/**
 * For measuring {@code latchkey run} by hand (docs/cli.md): a dev broker with 10 generated
 * secrets in {@code perf/bulk} that ada may read; prints its URL and a token for ada, then waits.
 */
public final class BenchBroker {

    private BenchBroker() {
    }

    public static void main(String[] args) throws Exception {
        RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev().withBulkSecrets(10));
        System.out.println(broker.url());
        System.out.println(DevSignIn.accessToken(broker.url(), "ada"));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
