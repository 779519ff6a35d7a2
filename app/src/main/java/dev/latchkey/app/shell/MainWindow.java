package dev.latchkey.app.shell;

import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.BannerView;
import dev.latchkey.app.common.Screen;
import dev.latchkey.app.common.Shortcuts;
import dev.latchkey.app.common.Theme;
import dev.latchkey.app.common.ToastView;
import dev.latchkey.app.common.Toasts;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The one main window: a header (name, theme switch), the sidebar once signed in, the one notice
 * row, the current screen, a row for toasts, and a status line saying which broker the app talks
 * to and whether it can reach it. Screens come and go through {@link #show}; the sidebar marks the current one.
 */
public final class MainWindow {

    /** Every window title starts with this. */
    public static final String TITLE = "Latchkey";
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");

    private final Stage stage;
    private final Scene scene;
    private final ScrollPane content = new ScrollPane();
    private final StatusBar status = new StatusBar();
    private final Shortcuts shortcuts;
    private final Button themeSwitch = new Button();
    private final VBox sidebar = new VBox();
    private Theme theme;
    private String currentNav = "";
    private Path placementFolder;

    public MainWindow(Stage stage, BannerModel banner, Toasts toasts, Theme theme) {
        this.stage = stage;
        this.theme = theme;
        Label name = new Label(TITLE);
        name.getStyleClass().add("app-name");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        themeSwitch.setId("theme-switch");
        themeSwitch.getStyleClass().add("flat");
        themeSwitch.setOnAction(e -> setTheme(this.theme == Theme.DARK ? Theme.LIGHT : Theme.DARK));
        HBox header = new HBox(12, name, gap, themeSwitch);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        header.setPadding(new Insets(6, 16, 6, 16));

        content.setFitToWidth(true);
        content.setFitToHeight(true);
        content.getStyleClass().add("content");
        sidebar.setId("sidebar");
        sidebar.getStyleClass().add("sidebar");
        sidebar.setMinWidth(Region.USE_PREF_SIZE);
        sidebar.setAccessibleText("Pages");

        // Toasts get a row of their own above the status line, so they never cover a page's buttons:
        // while one shows, the page is that much shorter (and scrolls if it must).
        VBox middle = new VBox(new BannerView(banner), content, new ToastView(toasts));
        VBox.setVgrow(content, Priority.ALWAYS);
        BorderPane root = new BorderPane(middle);
        root.setTop(header);
        root.setLeft(sidebar);
        root.setBottom(status);
        setNavigation();
        Rectangle2D first = firstSize(javafx.stage.Screen.getPrimary().getVisualBounds()); // spelt out: Screen is imported
        scene = new Scene(root, first.getWidth(), first.getHeight());
        shortcuts = new Shortcuts(scene);
        // Tab onto a field below the fold of a long form scrolls to it, as in a browser.
        scene.focusOwnerProperty().addListener((o, old, now) -> {
            if (now != null) {
                ScrollIntoView.reveal(content, now);
            }
        });
        setTheme(theme);
        WholeLabels.keep(root);
        stage.setScene(scene);
        stage.titleProperty().unbind(); // a stage the tests reuse may still follow the last window's screen
        stage.setTitle(TITLE);
        stage.getIcons().setAll(icons());
        stage.setMinWidth(WindowPlacement.MIN_WIDTH);
        stage.setMinHeight(WindowPlacement.MIN_HEIGHT);
    }

    /** The window's first size where none is remembered: comfortable, yet whole on a small screen. */
    static final double FIRST_WIDTH = 1000;
    static final double FIRST_HEIGHT = 680;
    /** Room left around the scene for the window's frame and title bar, which the scene's size leaves out. */
    static final double FRAME_WIDTH = 16;
    static final double FRAME_HEIGHT = 48;

    /**
     * The scene's first size on a screen whose usable area is {@code visual}: the comfortable size,
     * shrunk so that the window with its title bar fits (a 1024x640 screen would otherwise lose the
     * status line below its edge), never below the smallest the app lays out for.
     */
    static Rectangle2D firstSize(Rectangle2D visual) {
        double width = Math.max(WindowPlacement.MIN_WIDTH, Math.min(FIRST_WIDTH, visual.getWidth() - FRAME_WIDTH));
        double height = Math.max(WindowPlacement.MIN_HEIGHT, Math.min(FIRST_HEIGHT, visual.getHeight() - FRAME_HEIGHT));
        return new Rectangle2D(0, 0, width, height);
    }

    /** The app icon at the sizes the build copies from icons/png, for the title bar, taskbar and Alt+Tab. */
    static List<Image> icons() {
        List<Image> out = new ArrayList<>();
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            URL url = MainWindow.class.getResource("icons/latchkey-" + size + ".png");
            if (url != null) {
                out.add(new Image(url.toExternalForm()));
            }
        }
        return out;
    }

    /** Shows {@code screen}, with its shortcuts, marks its page in the sidebar, and focuses where work starts. */
    public void show(Screen screen, Map<KeyCombination, Runnable> screenShortcuts) {
        WholeLabels.keep(screen.root());
        content.setContent(screen.root());
        stage.titleProperty().bind(Bindings.concat(TITLE + " — ", screen.titleValue()));
        shortcuts.forScreen(screenShortcuts);
        currentNav = screen.navId();
        markCurrent();
        Node focus = screen.initialFocus();
        Platform.runLater(focus::requestFocus);
    }

    public void show(Screen screen) {
        show(screen, Map.of());
    }

    /** The sidebar's entries ({@link NavItem}s), shown once signed in; none, and no sidebar, before. */
    public void setNavigation(Node... items) {
        sidebar.getChildren().setAll(items);
        sidebar.setVisible(items.length > 0);
        sidebar.setManaged(items.length > 0);
        markCurrent();
    }

    private void markCurrent() {
        for (Node item : sidebar.getChildren()) {
            Node button = item instanceof Parent p && !(item instanceof Button) && !p.getChildrenUnmodifiable().isEmpty()
                    ? p.getChildrenUnmodifiable().getFirst() : item;
            boolean current = !currentNav.isEmpty() && currentNav.equals(button.getId());
            button.pseudoClassStateChanged(CURRENT, current);
            if (button instanceof Button b) {
                b.setAccessibleHelp(current ? "current page" : null);
            }
        }
    }

    /** The node id of the sidebar entry marked current, for tests; empty when none is. */
    public String currentNav() {
        return currentNav;
    }

    /** The line at the bottom: which broker, which mode. */
    public void setStatus(String text) {
        status.setText(text);
    }

    /**
     * Says in the status bar that the broker cannot be reached ("Offline since 17:02 — …") with a
     * Retry that runs {@code retry}; {@code Optional.empty()} clears it.
     */
    public void setOffline(Optional<String> text, Runnable retry) {
        status.setOffline(text, retry);
    }

    public void setTheme(Theme next) {
        theme = next;
        next.applyTo(scene);
        themeSwitch.setText(next == Theme.DARK ? "Lig_ht theme" : "Dar_k theme");
        themeSwitch.setGraphic(FontIcon.of(next == Theme.DARK ? Feather.SUN : Feather.MOON, 14));
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

    /**
     * Puts the window where it was last time (from {@code folder}, the app's config folder) if
     * that is still on a screen, and remembers its placement there when it closes.
     */
    public void rememberPlacement(Path folder) {
        placementFolder = folder;
        WindowPlacement.load(folder).filter(MainWindow::onSomeScreen).ifPresent(w -> {
            stage.setX(w.x());
            stage.setY(w.y());
            stage.setWidth(w.width());
            stage.setHeight(w.height());
            stage.setMaximized(w.maximized());
        });
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> savePlacement());
    }

    /** Writes where the window is now (when {@link #rememberPlacement} named a folder). */
    public void savePlacement() {
        if (placementFolder == null || Double.isNaN(stage.getX()) || Double.isNaN(stage.getWidth())) {
            return;
        }
        try {
            new WindowPlacement(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized())
                    .save(placementFolder);
        } catch (IOException e) {
            // Losing the window's placement is not worth a word to the user; the next start uses the default.
        }
    }

    private static boolean onSomeScreen(WindowPlacement w) {
        // At least a corner of the title bar must be visible, or the window could not be moved back.
        return !javafx.stage.Screen.getScreensForRectangle(new Rectangle2D(w.x(), w.y(), Math.min(w.width(), 200), 40)) // spelt out: Screen is imported
                .isEmpty();
    }
}
