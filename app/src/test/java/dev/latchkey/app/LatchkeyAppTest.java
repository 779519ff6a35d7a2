package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.api.FxAssert.verifyThat;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.matcher.base.NodeMatchers;

@ExtendWith(ApplicationExtension.class)
class LatchkeyAppTest {

    private final LatchkeyApp app = new LatchkeyApp();

    @Start
    void start(Stage stage) {
        app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void theWindowOpensOnTheEmbeddedDemoBroker(FxRobot robot) {
        verifyThat("#heading", NodeMatchers.isVisible());
        Label broker = robot.lookup("#broker-url").queryAs(Label.class);
        assertThat(broker.getText()).contains("http://127.0.0.1:");
        assertThat(robot.listTargetWindows()).isNotEmpty();
    }
}
