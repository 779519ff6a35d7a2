package dev.latchkey.app.guard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How the git hooks the app installs start the Latchkey CLI: the CLI installed beside the app
 * (an installed package), the checkout's {@code latchkey} script (when {@code latchkey-app}
 * says where it is), else {@code latchkey} on the PATH.
 */
public final class HookCommand {

    private HookCommand() {
    }

    /** The command for this app's hooks. */
    public static String find() {
        String script = System.getProperty("latchkey.cli");
        if (script != null && !script.isBlank()) {
            return script;
        }
        String app = System.getProperty("jpackage.app-path");
        if (app != null && !app.isBlank()) {
            Path parent = Path.of(app).toAbsolutePath().getParent();
            boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
            Path cli = parent == null ? null : parent.resolve(windows ? "latchkey-cli.exe" : "latchkey-cli");
            if (cli != null && Files.isExecutable(cli)) {
                return cli.toString();
            }
        }
        return "latchkey";
    }
}
