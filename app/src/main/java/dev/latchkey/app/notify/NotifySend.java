package dev.latchkey.app.notify;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Desktop notifications through {@code notify-send} (libnotify), for Linux desktops without a
 * tray. Each notification is one short-lived child with only the title and text in its argv,
 * which is why callers never put a value there (other users can read argv).
 */
public final class NotifySend implements DesktopNotifier {

    private final Path program;
    private final Map<String, String> env;

    private NotifySend(Path program, Map<String, String> env) {
        this.program = program;
        this.env = Map.copyOf(env);
    }

    /** {@code notify-send} from the {@code PATH} in {@code env}, if there is one. */
    public static Optional<NotifySend> onPath(Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "notify-send");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new NotifySend(candidate, env));
            }
        }
        return Optional.empty();
    }

    /** The argv for one notification. */
    List<String> argv(String title, String text, boolean urgent) {
        return List.of(program.toString(), "--app-name=Latchkey", "--urgency=" + (urgent ? "critical" : "normal"),
                "--", title, text);
    }

    @Override
    public void show(String title, String text, boolean urgent) {
        Thread.ofVirtual().name("latchkey-notify").start(() -> {
            ProcessBuilder b = new ProcessBuilder(argv(title, text, urgent)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            b.environment().clear();
            b.environment().putAll(env);
            try {
                Process p = b.start();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly(); // a hung notification daemon must not pile up children
                }
            } catch (IOException e) {
                // The notification is a courtesy: the window's banner says the same.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
