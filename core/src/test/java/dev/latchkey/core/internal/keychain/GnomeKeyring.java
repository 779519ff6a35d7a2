package dev.latchkey.core.internal.keychain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * gnome-keyring's Secret Service with a "login" collection unlocked by its password, as after a
 * desktop login. Its unlock dialog is gcr's system prompter, which the bus starts on demand.
 */
final class GnomeKeyring extends DesktopSecretService {

    private static final String DIALOG = "^Unlock Login Keyring$";

    private final Process daemon;

    private GnomeKeyring(PrivateDesktop desktop, Process daemon) {
        super(desktop);
        this.daemon = daemon;
    }

    static GnomeKeyring start() throws IOException, InterruptedException {
        PrivateDesktop.requireTools("gnome-keyring-daemon:gnome-keyring", "secret-tool:libsecret-tools");
        PrivateDesktop desktop = PrivateDesktop.start("gnome-keyring", true);
        try {
            Process daemon = desktop.start(desktop.process(
                    List.of("gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD));
            // --unlock reads the password from stdin and creates the login collection with it.
            daemon.getOutputStream().write(PASSWORD.getBytes(StandardCharsets.UTF_8));
            daemon.getOutputStream().close();
            desktop.awaitUnlockedDefaultCollection(Duration.ofSeconds(20));
            return new GnomeKeyring(desktop, daemon);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            desktop.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "GNOME Keyring";
    }

    @Override
    public void lock() throws IOException, InterruptedException {
        lockThroughTheService("/org/freedesktop/secrets/collection/login");
    }

    @Override
    String unlockDialog() throws IOException, InterruptedException {
        return desktop.awaitWindow(DIALOG, DIALOG_WAIT);
    }

    /** Stops the daemon (SIGSTOP), sends {@code during}, keeps it stopped for {@code pause}, then SIGCONT: a keychain slow to answer. */
    void stall(Duration pause, Request during) throws IOException, InterruptedException {
        // Stopped before the request is sent: a request sent first may be answered before the stop lands.
        desktop.run("kill", "-STOP", Long.toString(daemon.pid()));
        try {
            during.send();
            Thread.sleep(pause.toMillis());
        } finally {
            desktop.run("kill", "-CONT", Long.toString(daemon.pid()));
        }
    }

    /** A request sent to the keychain while it is stalled. */
    interface Request {
        void send() throws IOException;
    }
}
