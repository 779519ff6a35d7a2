package dev.latchkey.app.shell;

import dev.latchkey.core.config.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the window was and how big, kept in {@code window.properties} in the app's config folder
 * (positions only: nothing secret). A missing, unreadable or absurd file means the default
 * placement, never a failure.
 *
 * @param x left edge, in screen coordinates
 * @param y top edge
 * @param width at least {@link #MIN_WIDTH}
 * @param height at least {@link #MIN_HEIGHT}
 * @param maximized whether the window was maximized (then the bounds are the ones to restore to)
 */
public record WindowPlacement(double x, double y, double width, double height, boolean maximized) {

    /** The smallest window the app lays out for. */
    public static final double MIN_WIDTH = 640;
    public static final double MIN_HEIGHT = 440;
    static final String FILE = "window.properties";

    /** The placement saved in {@code folder}, if one is there and makes sense. */
    public static Optional<WindowPlacement> load(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
            WindowPlacement w = new WindowPlacement(number(p, "x"), number(p, "y"), number(p, "width"),
                    number(p, "height"), Boolean.parseBoolean(p.getProperty("maximized", "false")));
            return w.width() >= MIN_WIDTH && w.height() >= MIN_HEIGHT && w.width() < 100_000 && w.height() < 100_000
                    && Math.abs(w.x()) < 100_000 && Math.abs(w.y()) < 100_000 ? Optional.of(w) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // a damaged file costs only the remembered placement
        }
    }

    private static double number(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        double d = Double.parseDouble(v.strip());
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(key + " is not finite");
        }
        return d;
    }

    /** Writes this placement to {@code folder} (0600 in a 0700 folder, as every file Latchkey writes). */
    public void save(Path folder) throws IOException {
        Properties p = new Properties();
        p.setProperty("x", Long.toString(Math.round(x)));
        p.setProperty("y", Long.toString(Math.round(y)));
        p.setProperty("width", Long.toString(Math.round(width)));
        p.setProperty("height", Long.toString(Math.round(height)));
        p.setProperty("maximized", Boolean.toString(maximized));
        StringWriter text = new StringWriter();
        p.store(text, "Latchkey's window: where it was and how big");
        PrivateFiles.writeString(folder.resolve(FILE), text.toString());
    }
}
