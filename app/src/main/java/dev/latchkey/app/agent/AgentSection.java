package dev.latchkey.app.agent;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The local agent's part of the settings screen: whether the app serves the CLI's commands, and on which socket. */
public final class AgentSection {

    private final VBox root;

    public AgentSection(AgentHost host) {
        Label heading = new Label("Local agent");
        heading.getStyleClass().add("card-title");
        Label state = new Label();
        state.setId("agent-state");
        state.setWrapText(true);
        state.textProperty().bind(Bindings.createStringBinding(host::summary, host.state()));
        root = new VBox(8, heading, state);
        root.setId("agent-section");
    }

    public Node root() {
        return root;
    }
}
