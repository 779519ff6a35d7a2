package dev.latchkey.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.testsupport.RealParts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Desktop notifications go over the real session bus to a (small, real) notification server. */
class FreedesktopNotifierTest {

    @Test
    void aNotificationReachesTheServerWithTitleTextAndUrgency() throws Exception {
        try (NotificationServer server = NotificationServer.start();
             FreedesktopNotifier notifier = FreedesktopNotifier.connect().orElseThrow()) {
            notifier.show("Latchkey", "Your access to payments/prod ended at 10:03.", true);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.shown().size() == 1);
            notifier.show("Latchkey: request approved", "Your request for payments/staging was approved.", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.shown().size() == 2);

            assertThat(server.shown()).containsExactly(
                    new NotificationServer.Shown("Latchkey", "Latchkey", "Your access to payments/prod ended at 10:03.", 2),
                    new NotificationServer.Shown("Latchkey", "Latchkey: request approved",
                            "Your request for payments/staging was approved.", 1));
        }
    }

    @Test
    void withoutANotificationServerThereIsNoNotifier() {
        if (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null) {
            RealParts.missing("there is no D-Bus session bus (run the tests in dbus-run-session)");
        }
        assertThat(FreedesktopNotifier.connect()).as("nobody owns org.freedesktop.Notifications here").isEmpty();
    }
}
