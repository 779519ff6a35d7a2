package dev.latchkey.cli;

import dev.latchkey.core.keychain.KeychainPrompt;
import dev.latchkey.core.keychain.KeychainPromptListener;
import java.io.PrintStream;

/**
 * Says on stderr what the keychain asks while Latchkey waits for it, such as "Unlock your
 * keychain to continue — waiting up to 60 s…", so a command that seems to hang explains itself.
 * Stdout stays for the command's own output.
 */
final class KeychainPromptsOnStderr implements KeychainPromptListener {

    private final PrintStream err;

    KeychainPromptsOnStderr(PrintStream err) {
        this.err = err;
    }

    @Override
    public void waiting(KeychainPrompt prompt) {
        err.println(prompt.message() + "…");
        err.flush();
    }

    @Override
    public void ended(KeychainPrompt prompt) {
        // The command's own output follows; nothing to add.
    }
}
