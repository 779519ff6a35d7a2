package dev.latchkey.core.internal.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The keychain contract on KeePassXC as the only Secret Service, its confirmations switched off
 * (as its users who let programs keep secrets there do); {@link KeePassXcAccessRequestTest} keeps
 * them on.
 */
class KeePassXcKeychainTest extends SecretServiceContract {

    private KeePassXc keepassxc;

    @Override
    SecretServiceUnderTest start() throws IOException, InterruptedException {
        keepassxc = KeePassXc.start(false);
        return keepassxc;
    }

    @org.junit.jupiter.api.AfterEach
    void stillRunning() throws IOException {
        keepassxc.requireRunning();
    }

    /** KeePassXC's own command line lists Latchkey's entries by their titles. */
    @Override
    List<String> entriesSeenOutside() throws IOException, InterruptedException {
        String url = broker.url().toString();
        return keepassxc.entries().stream().filter(t -> t.startsWith("Latchkey ") && t.endsWith("(" + url + ")"))
                .toList();
    }

    @Test
    void keePassXcClosedMidSessionIsAnErrorThatSaysSoAndItsReturnIsPickedUp() throws Exception {
        String url = broker.url().toString();
        try (DriverProcess p = latchkey()) {
            p.ask("open");
            p.ask("login " + url + " ada");
            keepassxc.quit();
            assertThat(p.ask("status " + url)).startsWith("error SessionStorageException the keychain stopped answering");
            keepassxc.run();
            assertThat(p.ask("status " + url)).isEqualTo("user Ada Lovelace");
            p.ask("logout " + url);
        }
    }

    @Test
    void keePassXcQuitWithItsUnlockDialogOpenEndsTheWaitAtOnce() throws Exception {
        keepassxc.lock();
        try (DriverProcess p = latchkey()) {
            p.send("open");
            assertThat(p.awaitPrompt()).startsWith("prompt UNLOCK ");
            keepassxc.unlockDialog();
            long quit = System.nanoTime();
            keepassxc.quit();
            assertThat(p.answer()).isEqualTo("mode MemoryOnly Memory-only session: the keychain stopped answering (it quit"
                    + " while its prompt was open). You will be signed out when Latchkey quits.");
            assertThat(Duration.ofNanos(System.nanoTime() - quit)).as("not the prompt's 60 s").isLessThan(Duration.ofSeconds(15));
        } finally {
            keepassxc.run();
        }
    }
}
