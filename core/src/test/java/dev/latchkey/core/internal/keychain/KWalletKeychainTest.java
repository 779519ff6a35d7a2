package dev.latchkey.core.internal.keychain;

import java.io.IOException;

/** The keychain contract on KDE Wallet's Secret Service (kwalletd5). */
class KWalletKeychainTest extends SecretServiceContract {

    @Override
    SecretServiceUnderTest start() throws IOException, InterruptedException {
        return KWallet.start();
    }
}
