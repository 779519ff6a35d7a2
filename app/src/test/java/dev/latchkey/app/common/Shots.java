package dev.latchkey.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Photographs the window for the docs at 1024x640 and 1920x1080 when {@code -Dlatchkey.shots}
 * names a folder (and the X screen is at least 1920x1080). Without the property, nothing.
 */
public final class Shots {

    /** The sizes the docs show and the layout tests check. */
    public static final int[][] SIZES = {{1024, 640}, {1920, 1080}};

    private Shots() {
    }

    /** Photographs the window at both sizes as {@code name-WxH.png}, then puts it back as it was. */
    public static void take(FxRobot robot, Stage stage, String name) throws Exception {
        if (System.getProperty("latchkey.shots", "").isEmpty()) {
            return;
        }
        double[] before = placement(stage);
        for (int[] size : SIZES) {
            resize(robot, stage, size[0], size[1]);
            photograph(name, size[0], size[1]);
        }
        // The test's next clicks land where they would have without shots.
        putBack(robot, stage, before);
    }

    /** Where the window is now: x, y, width, height, for {@link #putBack}. */
    public static double[] placement(Stage stage) {
        return new double[] {stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()};
    }

    /** Puts the window back where {@link #placement} found it. */
    public static void putBack(FxRobot robot, Stage stage, double[] before) {
        robot.interact(() -> {
            stage.setX(before[0]);
            stage.setY(before[1]);
            stage.setWidth(before[2]);
            stage.setHeight(before[3]);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Puts the window in the screen's top left corner at {@code width} x {@code height} and lets it lay out. */
    public static void resize(FxRobot robot, Stage stage, int width, int height) throws InterruptedException {
        robot.interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(width);
            stage.setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The screen's top left {@code width} x {@code height} as {@code name-WxH.png}, when shots are asked for. */
    public static void photograph(String name, int width, int height) throws Exception {
        String folder = System.getProperty("latchkey.shots", "");
        if (folder.isEmpty()) {
            return;
        }
        Path file = Files.createDirectories(Path.of(folder)).resolve(name + "-" + width + "x" + height + ".png");
        Process p = new ProcessBuilder("import", "-window", "root", "-crop", width + "x" + height + "+0+0",
                file.toString()).inheritIO().start();
        assertThat(p.waitFor()).as("import " + file).isZero();
    }
}
