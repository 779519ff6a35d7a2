package dev.latchkey.app.signin;

import dev.latchkey.app.common.QuietProgress;
import dev.latchkey.app.common.Screen;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The device-flow sign-in: code, link, QR code, countdown; or what went wrong, with a retry. */
public final class SignInView implements Screen {

    /** The people of the demo organisation, as the development broker seeds them. */
    public static final String DEMO_USERS = "ada (payments developer), grace (payments lead, approves requests), "
            + "linus (search developer), root (administrator)";

    private final StackPane root = new StackPane();
    private final Button openBrowser = new Button("_Open browser");
    private final Button retry = new Button("Try _again");
    private final Label asking = new Label("Asking the sign-in provider for a code …");
    private final SignInViewModel model;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();

    public SignInView(SignInViewModel model, String brokerName, boolean demo) {
        this.model = model;
        Label heading = new Label("Sign in to " + brokerName);
        heading.getStyleClass().add("title");

        asking.setId("signin-asking");
        VBox starting = new VBox(12, new QuietProgress(), asking);
        starting.setAlignment(Pos.CENTER_LEFT);

        Label code = new Label();
        code.setId("user-code");
        code.getStyleClass().add("user-code");
        Button copy = new Button("_Copy code");
        copy.setId("copy-code");
        copy.setOnAction(e -> model.copyCode());
        Hyperlink link = new Hyperlink();
        link.setId("verification-uri");
        link.setOnAction(e -> model.openBrowser());
        openBrowser.setId("open-browser");
        openBrowser.setDefaultButton(true);
        openBrowser.setOnAction(e -> model.openBrowser());
        Label countdown = new Label();
        countdown.setId("countdown");
        countdown.getStyleClass().add("subtle");
        countdown.textProperty().bind(model.countdownProperty());
        Button cancel = new Button("Cance_l");
        cancel.setId("cancel-signin");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> model.cancel());
        ImageView qr = new ImageView();
        qr.setId("qr");
        Label qrText = new Label("Or scan with your phone");
        qrText.getStyleClass().add("subtle");
        VBox steps = new VBox(12,
                new Label("1. Open the sign-in page:"), new HBox(8, openBrowser, link),
                new Label("2. Check that it shows this code, then approve:"), new HBox(12, code, copy),
                countdown, cancel);
        steps.setAlignment(Pos.TOP_LEFT);
        HBox waiting = new HBox(32, steps, new VBox(8, qr, qrText));
        waiting.getStyleClass().add("card");

        Label failure = new Label();
        failure.setId("signin-failure");
        failure.setWrapText(true);
        retry.setId("retry-signin");
        retry.setDefaultButton(true);
        retry.setOnAction(e -> model.start());
        VBox failed = new VBox(12, failure, retry);
        failed.getStyleClass().add("card");

        VBox page = new VBox(20, heading);
        StackPane body = new StackPane(starting, waiting, failed);
        body.setAlignment(Pos.TOP_LEFT);
        page.getChildren().add(body);
        if (demo) {
            Label hint = new Label("Demo: on the sign-in page, pick one of the demo users: " + DEMO_USERS + ".");
            hint.setId("demo-hint");
            hint.setWrapText(true);
            hint.getStyleClass().add("subtle");
            page.getChildren().add(hint);
        }
        page.setPadding(new Insets(32));
        page.setMaxWidth(900);
        root.getChildren().add(page);
        root.setAlignment(Pos.TOP_LEFT);
        root.setId("signin");

        Runnable update = () -> {
            SignInState s = model.stateProperty().get();
            starting.setVisible(s instanceof SignInState.Starting);
            waiting.setVisible(s instanceof SignInState.WaitingForApproval);
            failed.setVisible(s instanceof SignInState.Failed);
            // instanceof, not a pattern switch: this runs on the demo's start-up path, where a pattern
            // switch's first run spins a class at run time that the AOT cache cannot hold.
            if (s instanceof SignInState.WaitingForApproval w) {
                code.setText(w.prompt().userCode());
                link.setText(w.prompt().verificationUri().toString());
                qr.setImage(QrCode.of(w.prompt().linkToOpen().toString(), 4));
            } else if (s instanceof SignInState.Failed f) {
                failure.setText(f.why());
            }
            focusIn(s).requestFocus();
            // Last, once the code and its button are in place: "Sign in" means the screen works.
            title.set(titleOf(s));
        };
        model.stateProperty().addListener((obs, old, now) -> update.run());
        update.run();
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Node initialFocus() {
        return focusIn(model.stateProperty().get());
    }

    /**
     * Where the keyboard is in {@code state}: on "Open browser" once the code shows, on "Try again"
     * after a failure, and on the wait's message while the code is fetched. The buttons are hidden
     * then and cannot take it, and the window would give it to its first button instead (the theme's).
     */
    private Node focusIn(SignInState state) {
        if (state instanceof SignInState.WaitingForApproval) {
            return openBrowser;
        }
        if (state instanceof SignInState.Failed) {
            return retry;
        }
        return asking;
    }

    @Override
    public String title() {
        return title.get();
    }

    @Override
    public ObservableStringValue titleValue() {
        return title.getReadOnlyProperty();
    }

    /**
     * The window's title in {@code state}: "Sign in" only while a code and a working "Open browser"
     * are shown (the start-up bench waits for it), a title of its own while the code is fetched and
     * for each way it can stop.
     */
    static String titleOf(SignInState state) {
        // instanceof, not a pattern switch: on the demo's start-up path, where a pattern switch's
        // first run spins a class at run time that the AOT cache cannot hold.
        if (state instanceof SignInState.WaitingForApproval) {
            return "Sign in";
        }
        if (state instanceof SignInState.SignedIn) {
            return "Signed in";
        }
        if (state instanceof SignInState.Failed f) {
            return switch (f.reason()) {
                case DENIED -> "Sign-in declined";
                case EXPIRED -> "Sign-in code expired";
                case CANCELLED -> "Sign-in cancelled";
                case UNREACHABLE -> "Sign-in provider unreachable";
                case OTHER -> "Sign-in failed";
            };
        }
        return "Getting a sign-in code";
    }
}
