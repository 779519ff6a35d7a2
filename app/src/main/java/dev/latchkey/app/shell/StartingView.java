package dev.latchkey.app.shell;

import dev.latchkey.app.common.QuietProgress;
import dev.latchkey.app.common.Screen;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A placeholder while something slow happens before the first real screen (the demo broker starting). */
public final class StartingView implements Screen {

    private final VBox root;

    public StartingView(String what) {
        Label text = new Label(what);
        text.setId("starting");
        QuietProgress progress = new QuietProgress();
        progress.setAlignment(Pos.CENTER);
        root = new VBox(16, progress, text);
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
