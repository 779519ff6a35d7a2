package dev.latchkey.app.shell;

import dev.latchkey.app.common.Screen;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;

/** A placeholder while something slow happens before the first real screen (the demo broker starting). */
public final class StartingView implements Screen {

    private final VBox root;

    public StartingView(String what) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(40, 40);
        Label text = new Label(what);
        text.setId("starting");
        root = new VBox(16, spinner, text);
        root.setAlignment(Pos.CENTER);
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public String title() {
        return "Starting";
    }
}
