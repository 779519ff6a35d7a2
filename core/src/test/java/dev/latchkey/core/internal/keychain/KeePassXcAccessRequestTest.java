package dev.latchkey.core.internal.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KeePassXC as it comes: it asks the person before a program reads entries another program
 * wrote. A second Latchkey process asks once for all of the session's entries, waits for the
 * answer, and reports a refusal as declined.
 */
class KeePassXcAccessRequestTest {

    @TempDir
    Path locks;

    @Test
    void aSecondProcessAsksOnceForTheSessionsEntriesAndARefusalIsDeclined() throws Exception {
        try (KeePassXc keepassxc = KeePassXc.start(true); RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev())) {
            String url = broker.url().toString();
            try (DriverProcess first = DriverProcess.start(keepassxc.desktop(), "latchkey:unused", locks)) {
                first.ask("open");
                assertThat(first.ask("login " + url + " ada")).startsWith("signed-in ");
                // The process that wrote the entries reads them without being asked.
                assertThat(first.ask("status " + url)).isEqualTo("user Ada Lovelace");
                assertThat(first.said()).noneMatch(l -> l.startsWith("prompt "));

                try (DriverProcess second = DriverProcess.start(keepassxc.desktop(), "latchkey:unused", locks)) {
                    second.ask("open");
                    second.send("status " + url);
                    assertThat(second.awaitPrompt()).isEqualTo(
                            "prompt ACCESS Allow Latchkey to use its entries in your keychain to continue — waiting up to 60 s");
                    keepassxc.allowAccess();
                    assertThat(second.answer()).isEqualTo("user Ada Lovelace");
                    assertThat(second.ask("token " + url)).startsWith("token ");
                    assertThat(second.said().stream().filter(l -> l.startsWith("prompt ACCESS")))
                            .as("one answer covers every entry of the session").hasSize(1);
                }

                try (DriverProcess third = DriverProcess.start(keepassxc.desktop(), "latchkey:unused", locks)) {
                    third.ask("open");
                    third.send("status " + url);
                    assertThat(third.awaitPrompt()).startsWith("prompt ACCESS ");
                    keepassxc.denyAccess();
                    assertThat(third.answer()).isEqualTo("error SessionStorageException you did not allow Latchkey to use"
                            + " its entries in the keychain (Latchkey asked it to read current-user/" + System.getProperty("user.name")
                            + " of latchkey:" + url + ")");
                }
                assertThat(first.ask("logout " + url)).isEqualTo("ok");
                assertThat(keepassxc.accounts("latchkey:" + url)).isEmpty();
            }
        }
    }
}
