package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.keychain.KeychainPrompt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeychainPromptsOnStderrTest {

    @Test
    void aLockedKeychainIsExplainedOnStderrWhileLatchkeyWaits() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KeychainPromptsOnStderr prompts = new KeychainPromptsOnStderr(new PrintStream(err, true, StandardCharsets.UTF_8));
        KeychainPrompt unlock = new KeychainPrompt(KeychainPrompt.Kind.UNLOCK, Duration.ofSeconds(60), () -> { });
        prompts.waiting(unlock);
        prompts.ended(unlock);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("Unlock your keychain to continue — waiting up to 60 s…" + System.lineSeparator());
    }
}
