package dev.latchkey.app.tray.sni;

import java.util.List;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/**
 * A StatusNotifierItem's tooltip, D-Bus type {@code (sa(iiay)ss)}: an icon name, icon pixmaps, a
 * title and a description. The field names are public because dbus-java reads them.
 */
public final class ToolTip extends Struct {
    @Position(0)
    public final String iconName;
    @Position(1)
    public final List<IconPixmap> icon;
    @Position(2)
    public final String title;
    @Position(3)
    public final String description;

    /** A tooltip. */
    public ToolTip(String iconName, List<IconPixmap> icon, String title, String description) {
        this.iconName = iconName;
        this.icon = icon;
        this.title = title;
        this.description = description;
    }
}
