package dev.latchkey.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/**
 * Lays the window out at 1024x640 and 1920x1080 and fails if any label, button or cell draws its
 * text cut short ({@link Ellipses}); photographs each size as {@code name-WxH.png} when
 * {@code -Dlatchkey.shots} asks for it; then puts the window back as it was.
 */
public final class BothSizes {

    private BothSizes() {
    }

    public static void check(FxRobot robot, Stage stage, String name) throws Exception {
        double[] before = Shots.placement(stage);
        for (int[] size : Shots.SIZES) {
            Shots.resize(robot, stage, size[0], size[1]);
            List<String> cut = new ArrayList<>();
            robot.interact(() -> cut.addAll(Ellipses.in(stage.getScene())));
            assertThat(cut).as(name + " at " + size[0] + "x" + size[1] + ": text cut short").isEmpty();
            Shots.photograph(name, size[0], size[1]);
        }
        Shots.putBack(robot, stage, before);
    }
}
