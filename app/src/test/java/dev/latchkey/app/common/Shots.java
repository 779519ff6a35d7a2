package dev.latchkey.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Photographs the window for the docs at 1024x640 and 1920x1080 when {@code -Dlatchkey.shots}
 * names a folder (and the X screen is at least 1920x1080), then puts the window back as it was,
 * so the test's next clicks land where they would without shots. Without the property, nothing.
 */
public final class Shots {

    private Shots() {
    }

    public static void take(FxRobot robot, Stage stage, String name) throws Exception {
        String folder = System.getProperty("latchkey.shots", "");
        if (folder.isEmpty()) {
            return;
        }
        double[] before = {stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()};
        for (int[] size : new int[][] {{1024, 640}, {1920, 1080}}) {
            robot.interact(() -> {
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(500);
            WaitForAsyncUtils.waitForFxEvents();
            Path file = Files.createDirectories(Path.of(folder)).resolve(name + "-" + size[0] + "x" + size[1] + ".png");
            Process p = new ProcessBuilder("import", "-window", "root", "-crop", size[0] + "x" + size[1] + "+0+0",
                    file.toString()).inheritIO().start();
            assertThat(p.waitFor()).as("import " + file).isZero();
        }
        robot.interact(() -> {
            stage.setX(before[0]);
            stage.setY(before[1]);
            stage.setWidth(before[2]);
            stage.setHeight(before[3]);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
