package dev.latchkey.core.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
}
