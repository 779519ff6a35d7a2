package dev.latchkey.app.signin;

import io.nayuki.qrcodegen.QrCode.Ecc;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/** A QR code of a link as a JavaFX image, so a phone can open the verification page. */
public final class QrCode {

    private static final int QUIET_ZONE = 4; // modules of white border the standard asks for

    private QrCode() {
    }

    /** The QR code of {@code text}, each module {@code scale} pixels square. */
    public static Image of(String text, int scale) {
        io.nayuki.qrcodegen.QrCode qr = io.nayuki.qrcodegen.QrCode.encodeText(text, Ecc.MEDIUM);
        int modules = qr.size + 2 * QUIET_ZONE;
        WritableImage image = new WritableImage(modules * scale, modules * scale);
        PixelWriter w = image.getPixelWriter();
        for (int y = 0; y < modules * scale; y++) {
            for (int x = 0; x < modules * scale; x++) {
                boolean dark = qr.getModule(x / scale - QUIET_ZONE, y / scale - QUIET_ZONE);
                w.setColor(x, y, dark ? Color.BLACK : Color.WHITE);
            }
        }
        return image;
    }
}
