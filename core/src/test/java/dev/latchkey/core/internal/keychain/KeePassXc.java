package dev.latchkey.core.internal.keychain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KeePassXC as the only Secret Service on its desktop: a database made with
 * {@code keepassxc-cli}, its root group exposed to the Secret Service (the database's
 * {@code FDO_SECRETS_EXPOSED_GROUP} entry), the integration switched on in KeePassXC's settings,
 * and the program started with the database open. Nothing on this bus can start gnome-keyring.
 */
final class KeePassXc extends DesktopSecretService {

    private static final String DIALOG = "^Unlock Database - KeePassXC$";
    private static final String ACCESS_REQUEST = "^KeePassXC - +Access Request$";
    private static final String WINDOW = "org.keepassxc.KeePassXC.MainWindow";

    private final Path database;
    private Process keepassxc;

    private KeePassXc(PrivateDesktop desktop, Path database) {
        super(desktop);
        this.database = database;
    }

    /**
     * Starts KeePassXC with a new database.
     *
     * @param confirmAccess whether KeePassXC asks the person before a program reads an entry
     *     another program wrote, and before one removes an entry (its defaults: yes)
     */
    static KeePassXc start(boolean confirmAccess) throws IOException, InterruptedException {
        PrivateDesktop.requireTools("keepassxc:keepassxc", "keepassxc-cli:keepassxc", "secret-tool:libsecret-tools");
        PrivateDesktop desktop = PrivateDesktop.start("keepassxc", false);
        try {
            Path database = desktop.dir().resolve("latchkey-test.kdbx");
            createDatabase(desktop, database);
            Path settings = desktop.home().resolve(".config/keepassxc/keepassxc.ini");
            Files.createDirectories(settings.getParent());
            Files.writeString(settings, """
                    [General]
                    ConfigVersion=2
                    UpdateCheckMessageShown=true

                    [GUI]
                    ShowTrayIcon=false
                    MinimizeOnStartup=false

                    [FdoSecrets]
                    Enabled=true
                    ShowNotification=false
                    ConfirmAccessItem=%1$s
                    ConfirmDeleteItem=%1$s
                    """.formatted(confirmAccess));
            KeePassXc started = new KeePassXc(desktop, database);
            started.run();
            return started;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            desktop.close();
            throw e;
        }
    }

    /** Starts the program (again) with the database open, and waits until its collection answers unlocked. */
    void run() throws IOException, InterruptedException {
        keepassxc = desktop.start(desktop.process(List.of("keepassxc", "--pw-stdin", database.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())));
        keepassxc.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        keepassxc.getOutputStream().close();
        desktop.awaitUnlockedDefaultCollection(Duration.ofSeconds(30));
    }

    /** What KeePassXC printed, for a test that finds it gone. */
    private Path log() {
        return desktop.dir().resolve("keepassxc.log");
    }

    /** Fails, with what KeePassXC said, when it is not running. */
    void requireRunning() throws IOException {
        if (!keepassxc.isAlive()) {
            throw new AssertionError("KeePassXC exited (status " + keepassxc.exitValue() + "); it said: "
                    + Files.readString(log()));
        }
    }

    /** Quits the program, as a person closing KeePassXC would. */
    void quit() {
        PrivateDesktop.stop(keepassxc);
    }

    /** The titles of the database's entries, as {@code keepassxc-cli ls} lists them. */
    List<String> entries() throws IOException, InterruptedException {
        return desktop.runWithInput(PASSWORD + "\n", "keepassxc-cli", "ls", "-q", database.toString()).lines()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Override
    public String name() {
        return "KeePassXC";
    }

    @Override
    public void lock() throws IOException, InterruptedException {
        requireRunning();
        desktop.call(WINDOW, "/keepassxc", WINDOW + ".lockAllDatabases");
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!desktop.locked("/org/freedesktop/secrets/aliases/default").orElse(false)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("KeePassXC did not lock its database");
            }
            Thread.sleep(100);
        }
    }

    /**
     * KeePassXC's unlock dialog. (Its D-Bus {@code openDatabase} unlocks the database too, but
     * leaves the Secret Service's pending prompt unanswered, so a test answers the dialog.)
     */
    @Override
    String unlockDialog() throws IOException, InterruptedException {
        return desktop.awaitWindow(DIALOG, DIALOG_WAIT);
    }

    /** Allows the program asking in KeePassXC's access request (its default button, "Allow Selected"). */
    void allowAccess() throws IOException, InterruptedException {
        desktop.typeInto(desktop.awaitWindow(ACCESS_REQUEST, DIALOG_WAIT), "", "Return");
    }

    /** Closes KeePassXC's access request without allowing anything. */
    void denyAccess() throws IOException, InterruptedException {
        desktop.typeInto(desktop.awaitWindow(ACCESS_REQUEST, DIALOG_WAIT), "", "Escape");
    }

    /**
     * A new database whose root group is exposed to the Secret Service. keepassxc-cli makes it;
     * the exposed group is a custom data entry of the database, which only the XML form can set.
     */
    private static void createDatabase(PrivateDesktop desktop, Path database) throws IOException, InterruptedException {
        String twice = PASSWORD + "\n" + PASSWORD + "\n";
        Path plain = desktop.dir().resolve("plain.kdbx");
        desktop.runWithInput(twice, "keepassxc-cli", "db-create", "-q", "-p", "-t", "100", plain.toString());
        String xml = desktop.runWithInput(PASSWORD + "\n", "keepassxc-cli", "export", "-q", "-f", "xml", plain.toString());
        Matcher root = Pattern.compile("<Root>\\s*<Group>\\s*<UUID>([^<]+)</UUID>").matcher(xml);
        if (!root.find()) {
            throw new AssertionError("keepassxc-cli export has no root group: " + xml);
        }
        String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(root.group(1)));
        String uuid = "{" + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20) + "}";
        String item = "<Item><Key>FDO_SECRETS_EXPOSED_GROUP</Key><Value>" + uuid + "</Value></Item>";
        String meta = xml.substring(0, xml.indexOf("</Meta>"));
        String exposed = meta.contains("<CustomData>")
                ? xml.replaceFirst("<CustomData>", "<CustomData>" + Matcher.quoteReplacement(item))
                : xml.replaceFirst("</Meta>", "<CustomData>" + Matcher.quoteReplacement(item) + "</CustomData></Meta>");
        Path xmlFile = desktop.dir().resolve("exposed.xml");
        Files.writeString(xmlFile, exposed);
        desktop.runWithInput(twice, "keepassxc-cli", "import", "-q", "-p", "-t", "100", xmlFile.toString(), database.toString());
        Files.delete(xmlFile);
        Files.delete(plain);
    }
}
