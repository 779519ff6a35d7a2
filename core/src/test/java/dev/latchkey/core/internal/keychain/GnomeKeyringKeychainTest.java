package dev.latchkey.core.internal.keychain;

import java.io.IOException;

/** The keychain contract on gnome-keyring, the Secret Service of GNOME and most desktops. */
class GnomeKeyringKeychainTest extends SecretServiceContract {

    @Override
    SecretServiceUnderTest start() throws IOException, InterruptedException {
        return GnomeKeyring.start();
    }
}
