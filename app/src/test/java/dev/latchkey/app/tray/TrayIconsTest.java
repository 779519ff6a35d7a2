package dev.latchkey.app.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.URL;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Every tray state has its own icon, for either panel, in every drawn size. */
class TrayIconsTest {

    @Test
    void eachStateHasItsOwnIconInEverySizeForLightAndDarkPanels() throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            for (int size : TrayIcons.SIZES) {
                Set<String> seen = new HashSet<>();
                for (TrayState state : TrayState.values()) {
                    URL url = TrayIcons.image(state, dark, size).orElseThrow(() ->
                            new AssertionError("no " + state + " icon at " + size + " px for " + (dark ? "dark" : "light") + " panels"));
                    BufferedImage image = ImageIO.read(url);
                    assertThat(image.getWidth()).isEqualTo(size);
                    assertThat(image.getHeight()).isEqualTo(size);
                    assertThat(seen.add(pixels(image))).as("%s at %d px looks like another state", state, size).isTrue();
                }
            }
        }
        assertThat(TrayState.SIGNED_OUT.fileWord()).isEqualTo("signed-out");
    }

    private static String pixels(BufferedImage image) {
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                out.append(Integer.toHexString(image.getRGB(x, y))).append(',');
            }
        }
        return out.toString();
    }
}
