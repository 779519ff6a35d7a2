package dev.latchkey.app.shell;

import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.BannerView;
import dev.latchkey.app.common.Screen;
import dev.latchkey.app.common.Shortcuts;
import dev.latchkey.app.common.Theme;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The one main window: a header (name, theme switch), the banner, the current screen, and a
 * status line saying which broker the app talks to. Screens come and go through {@link #show}.
 */
public final class MainWindow {

    /** Every window title starts with this. */
    public static final String TITLE = "Latchkey";

    private final Stage stage;
    private final Scene scene;
    private final ScrollPane content = new ScrollPane();
    private final Label status = new Label();
    private final Shortcuts shortcuts;
    private final Button themeSwitch = new Button();
    private final HBox navigation = new HBox(4);
    private Theme theme;

    public MainWindow(Stage stage, BannerModel banner, Theme theme) {
        this.stage = stage;
        this.theme = theme;
        Label name = new Label(TITLE);
        name.getStyleClass().add("app-name");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        themeSwitch.setId("theme-switch");
        themeSwitch.getStyleClass().add("flat");
        themeSwitch.setOnAction(e -> setTheme(this.theme == Theme.DARK ? Theme.LIGHT : Theme.DARK));
        HBox header = new HBox(12, name, navigation, gap, themeSwitch);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        header.setPadding(new Insets(8, 16, 8, 16));

        content.setFitToWidth(true);
        content.setFitToHeight(true);
        content.getStyleClass().add("content");
        status.setId("status");
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setPadding(new Insets(4, 16, 4, 16));

        BorderPane root = new BorderPane(content);
        root.setTop(new VBox(header, new BannerView(banner)));
        root.setBottom(statusBar);
        scene = new Scene(root, 1000, 680);
        shortcuts = new Shortcuts(scene);
        setTheme(theme);
        stage.setScene(scene);
        stage.setTitle(TITLE);
        stage.getIcons().setAll(icons());
        stage.setMinWidth(640);
        stage.setMinHeight(440);
    }

    /** The app icon at the sizes the build copies from icons/png, for the title bar, taskbar and Alt+Tab. */
    static java.util.List<javafx.scene.image.Image> icons() {
        java.util.List<javafx.scene.image.Image> out = new java.util.ArrayList<>();
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            java.net.URL url = MainWindow.class.getResource("icons/latchkey-" + size + ".png");
            if (url != null) {
                out.add(new javafx.scene.image.Image(url.toExternalForm()));
            }
        }
        return out;
    }

    /** Shows {@code screen}, with its shortcuts, and puts the keyboard focus where work starts. */
    public void show(Screen screen, Map<KeyCombination, Runnable> screenShortcuts) {
        content.setContent(screen.root());
        stage.setTitle(TITLE + " — " + screen.title());
        shortcuts.forScreen(screenShortcuts);
        Node focus = screen.initialFocus();
        Platform.runLater(focus::requestFocus);
    }

    public void show(Screen screen) {
        show(screen, Map.of());
    }

    /** The buttons that move between screens, shown once signed in; none before. */
    public void setNavigation(Node... items) {
        navigation.getChildren().setAll(items);
    }

    /** The line at the bottom: which broker, which mode. */
    public void setStatus(String text) {
        status.setText(text);
    }

    public void setTheme(Theme next) {
        theme = next;
        next.applyTo(scene);
        themeSwitch.setText(next == Theme.DARK ? "Lig_ht theme" : "Dar_k theme");
    }

    public Theme theme() {
        return theme;
    }

    public Shortcuts shortcuts() {
        return shortcuts;
    }

    public Stage stage() {
        return stage;
    }
}
