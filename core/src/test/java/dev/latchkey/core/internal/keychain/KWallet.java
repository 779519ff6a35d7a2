package dev.latchkey.core.internal.keychain;

import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * KDE Wallet (kwalletd5) with its Secret Service interface switched on, as the only Secret
 * Service on its desktop. Its wallet is made the way a person makes it, through KWallet's own
 * dialogs on first use; that needs Qt's crypto plugins for the Secret Service's session
 * encryption (Debian package libqca-qt5-2-plugins).
 */
final class KWallet extends DesktopSecretService {

    private static final String DIALOGS = "kwalletd5";

    /** The store that asks for the first wallet (asked again when it ends without the wizard). */
    private Process setup;

    private KWallet(PrivateDesktop desktop) {
        super(desktop);
    }

    static KWallet start() throws IOException, InterruptedException {
        PrivateDesktop.requireTools("kwalletd5:libkf5wallet-bin", "secret-tool:libsecret-tools");
        if (!qcaCryptoPlugin()) {
            RealParts.missing("KDE Wallet's Secret Service needs Qt's crypto plugins (Debian package libqca-qt5-2-plugins)");
        }
        PrivateDesktop desktop = PrivateDesktop.start("kwallet", false);
        try {
            Files.writeString(desktop.home().resolve(".config/kwalletrc"), """
                    [Wallet]
                    Enabled=true
                    First Use=false
                    Close When Idle=false

                    [org.freedesktop.secrets]
                    apiEnabled=true
                    """);
            desktop.start(desktop.process(List.of("kwalletd5"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD));
            KWallet started = new KWallet(desktop);
            started.createWallet();
            desktop.awaitUnlockedDefaultCollection(Duration.ofSeconds(30));
            return started;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            desktop.close();
            throw e;
        }
    }

    /**
     * The first store asks KWallet for a default collection: its wizard offers the wallet's kind
     * (the classic, password-encrypted file is picked), then asks for the new password twice.
     */
    private void createWallet() throws IOException, InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!answers()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("kwalletd5 did not take the Secret Service's name on the bus");
            }
            Thread.sleep(200);
        }
        setup = setupStore();
        String wizard = awaitWizard();
        desktop.click(wizard, 109, 167); // "Classic, blowfish encrypted file"
        desktop.typeInto(wizard, "", "alt+f"); // Finish
        // The password dialog follows the wizard, which may still be on screen a moment after Finish
        // (longer on a loaded machine): typed into the wizard, the password would be lost.
        String password = desktop.awaitWindowOfClassOtherThan(DIALOGS, wizard, DIALOG_WAIT);
        desktop.typeInto(password, PASSWORD, "Tab");
        desktop.typeInto(password, PASSWORD, "Return");
        if (!setup.waitFor(30, TimeUnit.SECONDS) || setup.exitValue() != 0) {
            throw new AssertionError("KDE Wallet did not create its wallet");
        }
        desktop.run("secret-tool", "clear", "service", "latchkey:wallet-setup", "account", "setup");
    }

    /** The store that makes KWallet create its default collection; its input is the setup value. */
    private Process setupStore() throws IOException {
        Process store = desktop.start(desktop.process(List.of("secret-tool", "store", "--label=wallet setup",
                "service", "latchkey:wallet-setup", "account", "setup")).redirectErrorStream(true));
        store.getOutputStream().write("setup".getBytes(StandardCharsets.UTF_8));
        store.getOutputStream().close();
        return store;
    }

    /**
     * The wizard the first store brings up. A CI run once saw none within 30 s after kwalletd5 had
     * taken the bus name (the test alone passes): a store that ends without a wizard is asked
     * again, as a user would retry, and what it said goes into the failure. Twice the dialogs'
     * wait in all: a request kwalletd5 never answers ends with secret-tool's own D-Bus timeout
     * (25 s), and the store asked again then needs time for its wizard.
     */
    private String awaitWizard() throws IOException, InterruptedException {
        String said = "";
        Duration limit = DIALOG_WAIT.multipliedBy(2);
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            Optional<String> wizard = desktop.windowOfClass(DIALOGS);
            if (wizard.isPresent()) {
                return wizard.get();
            }
            if (!setup.isAlive()) {
                said = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                setup = setupStore();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no window of kwalletd5 appeared within " + limit
                + (setup.isAlive() ? "; secret-tool store was still waiting for KWallet" : "")
                + (said.isEmpty() ? "" : "; an earlier secret-tool store ended saying: " + said));
    }

    private boolean answers() throws IOException, InterruptedException {
        try {
            desktop.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.GetNameOwner",
                    "string:org.freedesktop.secrets");
            return true;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    private static boolean qcaCryptoPlugin() {
        try (var libs = Files.list(Path.of("/usr/lib"))) {
            return libs.anyMatch(dir -> Files.exists(dir.resolve("qca-qt5/crypto/libqca-ossl.so")));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "KDE Wallet";
    }

    @Override
    public void lock() throws IOException, InterruptedException {
        lockThroughTheService("/org/freedesktop/secrets/aliases/default");
    }

    @Override
    String unlockDialog() throws IOException, InterruptedException {
        return desktop.awaitWindowOfClass(DIALOGS, DIALOG_WAIT);
    }
}
