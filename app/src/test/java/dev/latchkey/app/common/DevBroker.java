package dev.latchkey.app.common;

import dev.latchkey.testsupport.broker.BrokerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A development broker for the app's tests, run as the app runs its demo: the broker jar (named by
 * {@code latchkey.demo.broker}, which the app's pom sets) as a child process, so no broker class
 * is on the app's class path.
 */
public final class DevBroker {

    private DevBroker() {
    }

    /**
     * Starts {@code latchkey-broker --dev --port 0} with {@code options}, such as
     * {@code --dev-poll-interval=1s} (device sign-ins poll every second) or {@code --dev-bulk-secrets=N}.
     */
    public static BrokerProcess start(String... options) throws IOException {
        String jar = System.getProperty("latchkey.demo.broker");
        if (jar == null) {
            throw new IllegalStateException("no broker jar: run the app's tests through Maven, which sets "
                    + "-Dlatchkey.demo.broker to the broker module's jar");
        }
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no broker jar at " + jar + ": build the broker module first "
                    + "(mvn -B -q -pl broker -am -DskipTests package)");
        }
        return BrokerProcess.dev(Path.of(jar), options);
    }
}
