package dev.latchkey.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** The window's first size fits the screen it opens on, status line included. */
class FirstSizeTest {

    @Test
    void onA1024x640ScreenTheWholeWindowFits() {
        Rectangle2D size = MainWindow.firstSize(new Rectangle2D(0, 0, 1024, 640));
        assertThat(size.getHeight() + MainWindow.FRAME_HEIGHT).as("scene and title bar within 640 px").isLessThanOrEqualTo(640);
        assertThat(size.getWidth() + MainWindow.FRAME_WIDTH).isLessThanOrEqualTo(1024);
        assertThat(size.getHeight()).isEqualTo(592);
    }

    @Test
    void aLargeScreenGetsTheComfortableSize() {
        Rectangle2D size = MainWindow.firstSize(new Rectangle2D(0, 0, 1920, 1040));
        assertThat(size.getWidth()).isEqualTo(MainWindow.FIRST_WIDTH);
        assertThat(size.getHeight()).isEqualTo(MainWindow.FIRST_HEIGHT);
    }

    @Test
    void aTinyScreenStillGetsTheSmallestLayout() {
        Rectangle2D size = MainWindow.firstSize(new Rectangle2D(0, 0, 600, 400));
        assertThat(size.getWidth()).isEqualTo(WindowPlacement.MIN_WIDTH);
        assertThat(size.getHeight()).isEqualTo(WindowPlacement.MIN_HEIGHT);
    }
}
