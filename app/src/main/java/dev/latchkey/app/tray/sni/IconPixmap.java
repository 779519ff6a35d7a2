package dev.latchkey.app.tray.sni;

import dev.latchkey.app.tray.TrayIcons;
import dev.latchkey.app.tray.TrayState;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/**
 * One size of an icon as a StatusNotifierItem sends it, D-Bus type {@code (iiay)}: width, height
 * and ARGB32 pixels, row by row, each pixel in network byte order (A, R, G, B). The field names
 * are public because dbus-java reads them.
 */
public final class IconPixmap extends Struct {
    @Position(0)
    public final int width;
    @Position(1)
    public final int height;
    @Position(2)
    public final byte[] pixels;

    /** An image of {@code width} × {@code height} ARGB32 pixels. */
    public IconPixmap(int width, int height, byte[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** The tray icon for {@code state} in every drawn size up to 64 px, from the same images the AWT tray shows. */
    static List<IconPixmap> of(TrayState state, boolean darkPanel) {
        List<IconPixmap> sizes = new ArrayList<>();
        for (int size : TrayIcons.SIZES) {
            URL url = TrayIcons.image(state, darkPanel, size)
                    .orElseThrow(() -> new IllegalStateException("tray icon missing from the app's resources: " + state));
            try {
                sizes.add(of(ImageIO.read(url)));
            } catch (IOException e) {
                throw new UncheckedIOException("tray icon unreadable in the app's resources: " + url, e);
            }
        }
        return List.copyOf(sizes);
    }

    static IconPixmap of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 4];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                out[i++] = (byte) (argb >>> 24);
                out[i++] = (byte) (argb >>> 16);
                out[i++] = (byte) (argb >>> 8);
                out[i++] = (byte) argb;
            }
        }
        return new IconPixmap(w, h, out);
    }
}
