package dev.latchkey.app.keychain;

import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.Notice;
import dev.latchkey.core.keychain.KeychainPrompt;
import dev.latchkey.core.keychain.KeychainPromptListener;
import java.util.concurrent.Executor;

/**
 * Tells the person, in the window's banner, when the keychain shows its own prompt (a locked
 * keychain's password, KeePassXC's access request) and Latchkey waits for the answer; the
 * banner's Cancel stops waiting. Sessions hear of prompts on the keychain's thread, before the
 * window may exist, so the banner is attached once it does.
 */
public final class KeychainPromptBanner implements KeychainPromptListener {

    /** The banner key of the notice. */
    public static final String KEY = "keychain-prompt";

    private final Executor ui;
    private volatile BannerModel banner;

    /** @param ui runs work on the UI thread ({@code Platform::runLater}) */
    public KeychainPromptBanner(Executor ui) {
        this.ui = ui;
    }

    /** Shows prompts in {@code model} from now on. */
    public void attach(BannerModel model) {
        this.banner = model;
    }

    @Override
    public void waiting(KeychainPrompt prompt) {
        BannerModel model = banner;
        if (model != null) {
            ui.execute(() -> model.show(Notice.whileWaiting(KEY, Notice.Severity.WARNING, prompt.message() + ".",
                    new Notice.Action("Cancel", KEY + "-cancel", prompt::cancel))));
        }
    }

    @Override
    public void ended(KeychainPrompt prompt) {
        BannerModel model = banner;
        if (model != null) {
            ui.execute(() -> model.dismiss(KEY));
        }
    }
}
