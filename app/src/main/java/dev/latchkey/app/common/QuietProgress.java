package dev.latchkey.app.common;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/**
 * "Something is happening", for the waits at start-up (the demo broker starting, the session
 * opening, the sign-in code being asked for): three dots lit in turn, a step every
 * {@value #STEP_MILLIS} ms. JavaFX's own spinner repaints sixty times a second; drawn in software
 * (a virtual machine, a remote desktop, no GPU) that took a good part of a core from the demo
 * broker starting beside the window. The dots repaint a few times a second, and only while shown.
 */
public final class QuietProgress extends HBox {

    static final int STEP_MILLIS = 300;

    private final Circle[] dots = {new Circle(5), new Circle(5), new Circle(5)};
    private final Timeline steps = new Timeline(new KeyFrame(Duration.millis(STEP_MILLIS), e -> step()));
    private int lit;

    public QuietProgress() {
        super(8);
        getStyleClass().add("quiet-progress");
        getChildren().addAll(dots);
        steps.setCycleCount(Animation.INDEFINITE);
        light();
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                steps.stop();
            } else {
                steps.play();
            }
        });
    }

    private void step() {
        lit = (lit + 1) % dots.length;
        light();
    }

    private void light() {
        for (int i = 0; i < dots.length; i++) {
            dots[i].setOpacity(i == lit ? 1.0 : 0.3);
        }
    }
}
