package dev.latchkey.app.tray.sni;

import dev.latchkey.app.tray.TrayState;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/**
 * The exported StatusNotifierItem: its properties follow the {@link TrayState} shown, its icon in
 * several sizes comes from the same images as the AWT tray's. A click opens the window; the host
 * draws the menu from {@link SniMenu}.
 */
final class SniItem extends ReadOnlyProperties implements StatusNotifierItem {

    private static final String PIXMAPS = "a(iiay)";

    private final Runnable openWindow;
    private final Executor onUi;
    private final boolean darkPanel;
    private final Map<TrayState, List<IconPixmap>> icons = new EnumMap<>(TrayState.class);
    private volatile TrayState state = TrayState.SIGNED_OUT;

    SniItem(Runnable openWindow, Executor onUi, boolean darkPanel) {
        this.openWindow = openWindow;
        this.onUi = onUi;
        this.darkPanel = darkPanel;
    }

    void show(TrayState shown) {
        state = shown;
    }

    /** {@code NeedsAttention} while something ends soon or has ended, so hosts that hide quiet items show it. */
    static String status(TrayState state) {
        return switch (state) {
            case WARNING, EXPIRED -> "NeedsAttention";
            case SIGNED_OUT, OK, OFFLINE -> "Active";
        };
    }

    private synchronized List<IconPixmap> icon(TrayState s) {
        return icons.computeIfAbsent(s, x -> IconPixmap.of(x, darkPanel));
    }

    @Override
    public void Activate(int x, int y) {
        onUi.execute(openWindow);
    }

    @Override
    public void SecondaryActivate(int x, int y) {
        onUi.execute(openWindow); // a middle click: nothing else is worth a click without a menu
    }

    @Override
    public void ContextMenu(int x, int y) {
        // Hosts draw the exported menu (the Menu property); none is drawn by the app itself.
    }

    @Override
    public void Scroll(int delta, String orientation) {
        // Nothing in Latchkey changes by scrolling.
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        TrayState s = state;
        Map<String, Variant<?>> all = new LinkedHashMap<>();
        all.put("Category", new Variant<>("ApplicationStatus"));
        all.put("Id", new Variant<>("latchkey"));
        all.put("Title", new Variant<>("Latchkey"));
        all.put("Status", new Variant<>(status(s)));
        all.put("WindowId", new Variant<>(0));
        all.put("IconThemePath", new Variant<>(""));
        all.put("IconName", new Variant<>("")); // empty: hosts draw IconPixmap, which shows the state
        all.put("IconPixmap", new Variant<>(icon(s), PIXMAPS));
        all.put("OverlayIconName", new Variant<>(""));
        all.put("OverlayIconPixmap", new Variant<>(List.of(), PIXMAPS));
        all.put("AttentionIconName", new Variant<>(""));
        all.put("AttentionIconPixmap", new Variant<>(icon(s), PIXMAPS));
        all.put("AttentionMovieName", new Variant<>(""));
        all.put("ToolTip", new Variant<>(new ToolTip("", icon(s), "Latchkey", s.describe()), "(sa(iiay)ss)"));
        all.put("ItemIsMenu", new Variant<>(false));
        all.put("Menu", new Variant<>(new DBusPath(DBusMenu.OBJECT_PATH)));
        return all;
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }
}
