package dev.latchkey.core.internal.keychain;

import java.io.IOException;
import java.time.Duration;

/**
 * What the Secret Services under test have in common: a private desktop, a password, and an
 * unlock dialog that a person answers by typing the password or dismisses with Escape.
 */
abstract class DesktopSecretService implements SecretServiceUnderTest {

    static final String PASSWORD = "latchkey-test";
    static final Duration DIALOG_WAIT = Duration.ofSeconds(30);

    final PrivateDesktop desktop;

    DesktopSecretService(PrivateDesktop desktop) {
        this.desktop = desktop;
    }

    /** The unlock dialog, once it is up. */
    abstract String unlockDialog() throws IOException, InterruptedException;

    @Override
    public PrivateDesktop desktop() {
        return desktop;
    }

    @Override
    public void answerUnlock() throws IOException, InterruptedException {
        desktop.typeInto(unlockDialog(), PASSWORD, "Return");
    }

    @Override
    public void declineUnlock() throws IOException, InterruptedException {
        desktop.typeInto(unlockDialog(), "", "Escape");
    }

    /** Locks the collection at {@code path} through the Secret Service (Service.Lock, no prompt). */
    void lockThroughTheService(String path) throws IOException, InterruptedException {
        desktop.call("org.freedesktop.secrets", "/org/freedesktop/secrets", "org.freedesktop.Secret.Service.Lock",
                "array:objpath:" + path);
        if (!desktop.locked("/org/freedesktop/secrets/aliases/default").orElse(false)) {
            throw new AssertionError(name() + " did not lock its default collection");
        }
    }

    @Override
    public void close() throws IOException {
        desktop.close();
    }
}
