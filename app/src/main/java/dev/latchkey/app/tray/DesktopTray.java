package dev.latchkey.app.tray;

import dev.latchkey.app.notify.DesktopNotifier;
import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.Image;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.application.ColorScheme;
import javafx.application.Platform;

/**
 * The AWT system tray icon: its image follows {@link TrayState}, its menu is rebuilt whole from
 * {@link TrayMenuItem}s, and it shows notifications as balloons. AWT work happens on AWT's event
 * thread; every action is handed to the JavaFX thread.
 */
public final class DesktopTray implements Tray, DesktopNotifier {

    private final SystemTray tray;
    private final TrayIcon icon;
    private final boolean darkPanel;

    private DesktopTray(SystemTray tray, TrayIcon icon, boolean darkPanel) {
        this.tray = tray;
        this.icon = icon;
        this.darkPanel = darkPanel;
    }

    /**
     * Adds the icon to the desktop's tray. Blocking (it loads AWT), so call from a background task.
     *
     * @param openWindow run (on the JavaFX thread) when the icon is activated
     * @param darkPanel choose the icons drawn for dark panels
     * @return empty when this desktop has no tray or refuses the icon
     */
    public static Optional<DesktopTray> install(Runnable openWindow, boolean darkPanel) {
        if (!TraySupport.isSupported()) {
            return Optional.empty();
        }
        try {
            SystemTray tray = SystemTray.getSystemTray();
            int size = tray.getTrayIconSize().width;
            Image image = image(TrayState.OK, darkPanel, size);
            TrayIcon icon = new TrayIcon(image, TrayState.OK.describe());
            icon.setImageAutoSize(true);
            icon.addActionListener(e -> Platform.runLater(openWindow));
            tray.add(icon);
            return Optional.of(new DesktopTray(tray, icon, darkPanel));
        } catch (AWTException | RuntimeException e) {
            return Optional.empty(); // a tray that refuses the icon is no tray; the banner takes over
        }
    }

    /**
     * Whether the panel the icon sits on is probably dark: most Linux panels are; elsewhere the
     * OS colour scheme decides (macOS menu bar, Windows taskbar). Call on the JavaFX thread.
     */
    public static boolean darkPanelLikely() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("linux")
                || Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
    }

    private static Image image(TrayState state, boolean dark, int size) {
        return Toolkit.getDefaultToolkit().getImage(TrayIcons.image(state, dark, size)
                .orElseThrow(() -> new IllegalStateException("tray icon missing from the app's resources: " + state)));
    }

    @Override
    public void show(TrayState state) {
        EventQueue.invokeLater(() -> {
            icon.setImage(image(state, darkPanel, tray.getTrayIconSize().width));
            icon.setToolTip(state.describe());
        });
    }

    @Override
    public void setMenu(List<TrayMenuItem> items) {
        EventQueue.invokeLater(() -> {
            PopupMenu menu = new PopupMenu();
            items.forEach(i -> add(menu, i));
            icon.setPopupMenu(menu);
        });
    }

    private static void add(Menu menu, TrayMenuItem item) {
        switch (item) {
            case TrayMenuItem.Action a -> {
                MenuItem m = new MenuItem(a.label());
                m.addActionListener(e -> Platform.runLater(a.action()));
                menu.add(m);
            }
            case TrayMenuItem.Info i -> {
                MenuItem m = new MenuItem(i.label());
                m.setEnabled(false);
                menu.add(m);
            }
            case TrayMenuItem.Submenu s -> {
                Menu sub = new Menu(s.label());
                s.items().forEach(x -> add(sub, x));
                menu.add(sub);
            }
            case TrayMenuItem.Separator x -> menu.addSeparator();
        }
    }

    @Override
    public void show(String title, String text, boolean urgent) {
        EventQueue.invokeLater(() -> icon.displayMessage(title, text,
                urgent ? TrayIcon.MessageType.WARNING : TrayIcon.MessageType.INFO));
    }

    @Override
    public void remove() {
        EventQueue.invokeLater(() -> tray.remove(icon));
    }
}
