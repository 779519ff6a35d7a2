package dev.latchkey.app.tray;

import java.net.URL;
import java.util.List;
import java.util.Optional;

/**
 * The tray icon images the build copies from {@code icons/tray}: one per state, drawn for light
 * and dark panels, at 16 to 64 px. The state shows by shape as well as colour.
 */
public final class TrayIcons {

    /** The sizes drawn, smallest first. */
    public static final List<Integer> SIZES = List.of(16, 22, 24, 32, 48, 64);

    private TrayIcons() {
    }

    /** The smallest drawn size at least {@code wanted} px (the largest when none is). */
    public static int sizeFor(int wanted) {
        return SIZES.stream().filter(s -> s >= wanted).findFirst().orElse(SIZES.getLast());
    }

    /** The image for {@code state} on a dark or light panel at the drawn size nearest above {@code wanted}. */
    public static Optional<URL> image(TrayState state, boolean darkPanel, int wanted) {
        String name = "icons/latchkey-tray-" + state.fileWord() + "-" + (darkPanel ? "dark" : "light") + "-"
                + sizeFor(wanted) + ".png";
        return Optional.ofNullable(TrayIcons.class.getResource(name));
    }
}
