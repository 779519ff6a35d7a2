package dev.latchkey.app.connection;

import dev.latchkey.app.common.Connection;
import dev.latchkey.app.common.Screen;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * What the app is connected to: the broker, its identity provider and, in demo mode, who one
 * can sign in as. The sign-in screen takes over from here once core's session lands.
 */
public final class ConnectionView implements Screen {

    /** The people of the demo organisation, as the development broker seeds them. */
    public static final String DEMO_USERS = "ada (payments developer), grace (payments lead, approves requests), "
            + "linus (search developer), root (administrator)";

    private final VBox root;

    public ConnectionView(Connection connection) {
        Label heading = new Label(connection.demo() ? "Demo broker" : "Your organisation's broker");
        heading.getStyleClass().add("title");
        heading.setId("heading");
        GridPane facts = new GridPane(16, 8);
        row(facts, 0, "Broker", connection.url().toString(), "broker-url");
        row(facts, 1, "Sign-in provider", connection.info().issuer(), "issuer");
        row(facts, 2, "Broker version", connection.info().brokerVersion(), "broker-version");
        root = new VBox(16, heading, facts);
        if (connection.demo()) {
            Label notice = new Label("Demo mode: a development broker inside this app, with made-up secrets. "
                    + "Nothing here is for production.");
            notice.setWrapText(true);
            notice.getStyleClass().add("subtle");
            Label users = new Label("Demo users: " + DEMO_USERS + ".");
            users.setId("demo-users");
            users.setWrapText(true);
            root.getChildren().addAll(notice, users);
        }
        root.setPadding(new Insets(32));
        root.setId("connection");
    }

    private static void row(GridPane grid, int row, String name, String value, String id) {
        Label n = new Label(name);
        n.getStyleClass().add("subtle");
        Label v = new Label(value);
        v.setId(id);
        v.getStyleClass().add("copyable");
        grid.addRow(row, n, v);
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public String title() {
        return "Connected";
    }
}
