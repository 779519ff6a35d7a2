package dev.latchkey.app.tray;

import java.util.List;

/** The tray menu as plain data, rebuilt whole on each change and drawn by whatever tray there is. */
public sealed interface TrayMenuItem {

    /** A line that does something. */
    record Action(String label, Runnable action) implements TrayMenuItem {
    }

    /** A line that only informs (a running app, a grant and its time left). */
    record Info(String label) implements TrayMenuItem {
    }

    /** A titled group. */
    record Submenu(String label, List<TrayMenuItem> items) implements TrayMenuItem {
        public Submenu {
            items = List.copyOf(items);
        }
    }

    /** A divider. */
    record Separator() implements TrayMenuItem {
    }
}
