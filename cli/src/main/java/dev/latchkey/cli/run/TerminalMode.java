package dev.latchkey.cli.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Puts the user's terminal in raw mode while a child runs in a PTY, so keys reach the child's
 * line editor as typed (Ctrl-C included, which the PTY turns into the child's SIGINT), and puts
 * it back afterwards. Uses stty(1) on {@code /dev/tty}.
 */
final class TerminalMode implements AutoCloseable {

    private static final File TTY = new File("/dev/tty");
    private final String saved;

    private TerminalMode(String saved) {
        this.saved = saved;
    }

    static TerminalMode raw() {
        String saved = stty("-g");
        if (saved != null) {
            stty("raw", "-echo");
        }
        return new TerminalMode(saved);
    }

    /** Columns and rows of the user's terminal, or 80x24 when unknown. */
    static int[] size() {
        String s = stty("size");
        if (s != null) {
            String[] parts = s.strip().split("\\s+");
            if (parts.length == 2) {
                try {
                    return new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[0])};
                } catch (NumberFormatException ignored) {
                    // fall through to the default
                }
            }
        }
        return new int[] {80, 24};
    }

    @Override
    public void close() {
        if (saved != null) {
            stty(saved.strip());
        }
    }

    private static String stty(String... args) {
        if (!TTY.exists()) {
            return null;
        }
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
