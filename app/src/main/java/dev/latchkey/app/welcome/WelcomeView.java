package dev.latchkey.app.welcome;

import dev.latchkey.app.common.Screen;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The first-run screen: two cards, "Connect to your organisation" and "Try the demo". */
public final class WelcomeView implements Screen {

    private final VBox root;
    private final TextField url = new TextField();

    public WelcomeView(WelcomeViewModel model) {
        Label heading = new Label("Welcome to Latchkey");
        heading.getStyleClass().add("title");
        Label lead = new Label("Production secrets for local development, without putting them on disk.");
        lead.getStyleClass().add("subtle");

        url.setId("broker-url-field");
        url.setPromptText("https://latchkey.example.com");
        url.textProperty().bindBidirectional(model.urlProperty());
        url.setOnAction(e -> model.connect());
        HBox.setHgrow(url, Priority.ALWAYS);
        Button connect = new Button("_Connect");
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.setOnAction(e -> model.connect());
        connect.disableProperty().bind(model.busyProperty().or(Bindings.createBooleanBinding(
                () -> !(model.checkProperty().get() instanceof UrlCheck.Reachable
                        || model.checkProperty().get() instanceof UrlCheck.Unreachable
                        || model.checkProperty().get() instanceof UrlCheck.Checking), model.checkProperty())));
        Label status = new Label();
        status.setId("url-status");
        status.setWrapText(true);
        ProgressIndicator checking = spinner();
        checking.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> model.checkProperty().get() instanceof UrlCheck.Checking, model.checkProperty()));
        model.checkProperty().addListener((obs, old, now) -> describe(status, now));
        describe(status, model.checkProperty().get());
        Label urlLabel = new Label("_Broker URL");
        urlLabel.setMnemonicParsing(true);
        urlLabel.setLabelFor(url);
        VBox connectCard = card("Connect to your organisation",
                "Your administrator gives you the broker's URL. You sign in with your company account next.",
                urlLabel, new HBox(8, url, connect), new HBox(8, checking, status));

        Button demo = new Button();
        demo.setId("try-demo");
        demo.textProperty().bind(Bindings.when(model.demoErrorProperty().isEmpty())
                .then("_Try the demo").otherwise("_Retry the demo"));
        demo.setOnAction(e -> model.tryDemo());
        demo.disableProperty().bind(model.busyProperty());
        ProgressIndicator starting = spinner();
        starting.visibleProperty().bind(model.busyProperty());
        Label demoError = new Label();
        demoError.setId("demo-error");
        demoError.getStyleClass().add("error-text");
        demoError.setWrapText(true);
        demoError.textProperty().bind(model.demoErrorProperty());
        VBox demoCard = card("Try the demo",
                "Starts a demo broker on this machine, with a demo organisation and made-up secrets. Nothing leaves this machine.",
                new HBox(8, demo, starting), demoError);

        root = new VBox(20, heading, lead, connectCard, demoCard);
        root.setId("welcome");
        root.setPadding(new Insets(32));
        root.setMaxWidth(720);
        root.setAlignment(Pos.TOP_LEFT);
    }

    private static void describe(Label status, UrlCheck check) {
        status.getStyleClass().removeAll("error-text", "ok-text");
        switch (check) {
            case UrlCheck.Empty e -> status.setText("");
            case UrlCheck.Malformed m -> {
                status.setText(m.why());
                status.getStyleClass().add("error-text");
            }
            case UrlCheck.Checking c -> status.setText("Checking " + c.url() + " …");
            case UrlCheck.Reachable r -> {
                status.setText("Found a Latchkey broker (version " + r.info().brokerVersion() + ").");
                status.getStyleClass().add("ok-text");
            }
            case UrlCheck.Unreachable u -> {
                status.setText(u.why());
                status.getStyleClass().add("error-text");
            }
        }
    }

    private static ProgressIndicator spinner() {
        ProgressIndicator p = new ProgressIndicator();
        p.setPrefSize(18, 18);
        p.managedProperty().bind(p.visibleProperty());
        return p;
    }

    private static VBox card(String title, String text, Node... content) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        Label d = new Label(text);
        d.setWrapText(true);
        d.getStyleClass().add("subtle");
        VBox card = new VBox(10, t, d);
        card.getChildren().addAll(content);
        card.getStyleClass().add("card");
        return card;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Node initialFocus() {
        return url;
    }

    @Override
    public String title() {
        return "Welcome";
    }
}
