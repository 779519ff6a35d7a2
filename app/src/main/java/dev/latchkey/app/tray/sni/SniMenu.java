package dev.latchkey.app.tray.sni;

import dev.latchkey.app.tray.TrayMenuItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Latchkey's tray menu as a dbusmenu object: the same {@link TrayMenuItem}s the AWT tray shows,
 * numbered depth first (the root is 0) and renumbered whole on each change, as the AWT menu is
 * rebuilt whole. A {@code clicked} event on an action runs it through {@code onUi}.
 */
final class SniMenu extends ReadOnlyProperties implements DBusMenu {

    /** A snapshot: items by id and each id's children. Replaced whole, never changed. */
    private record Tree(int revision, Map<Integer, TrayMenuItem> items, Map<Integer, List<Integer>> children) {
    }

    private final Executor onUi;
    private final Consumer<DBusSignal> emit;
    private volatile Tree tree = new Tree(1, Map.of(), Map.of(0, List.of()));

    /**
     * @param onUi where actions run (the JavaFX thread)
     * @param emit sends a signal from this object (ignored while not on a bus)
     */
    SniMenu(Executor onUi, Consumer<DBusSignal> emit) {
        this.onUi = onUi;
        this.emit = emit;
    }

    /** Replaces the menu and tells hosts to fetch it again. */
    void set(List<TrayMenuItem> items) {
        Map<Integer, TrayMenuItem> byId = new HashMap<>();
        Map<Integer, List<Integer>> children = new HashMap<>();
        number(0, items, byId, children, new int[] {1});
        int revision = tree.revision() + 1;
        tree = new Tree(revision, Map.copyOf(byId), Map.copyOf(children));
        try {
            emit.accept(new LayoutUpdated(DBusMenu.OBJECT_PATH, new UInt32(revision), 0));
        } catch (DBusException e) {
            // Hosts that missed the signal fetch the layout when they next open the menu.
        }
    }

    private static void number(int parent, List<TrayMenuItem> items, Map<Integer, TrayMenuItem> byId,
                               Map<Integer, List<Integer>> children, int[] next) {
        List<Integer> ids = new ArrayList<>();
        for (TrayMenuItem item : items) {
            int id = next[0]++;
            ids.add(id);
            byId.put(id, item);
            if (item instanceof TrayMenuItem.Submenu s) {
                number(id, s.items(), byId, children, next);
            }
        }
        children.put(parent, List.copyOf(ids));
    }

    @Override
    public Pair<UInt32, Layout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames) {
        Tree t = tree;
        return new Pair<>(new UInt32(t.revision()), layout(t, parentId, recursionDepth, propertyNames));
    }

    private static Layout layout(Tree t, int id, int depth, List<String> names) {
        List<Variant<?>> kids = new ArrayList<>();
        if (depth != 0) {
            for (int child : t.children().getOrDefault(id, List.of())) {
                kids.add(new Variant<>(layout(t, child, depth - 1, names), "(ia{sv}av)"));
            }
        }
        return new Layout(id, properties(t, id, names), kids);
    }

    /** The dbusmenu properties of item {@code id}, only those in {@code names} unless it is empty. */
    private static Map<String, Variant<?>> properties(Tree t, int id, List<String> names) {
        Map<String, Variant<?>> all = new LinkedHashMap<>();
        TrayMenuItem item = t.items().get(id);
        switch (item) {
            case null -> all.put("children-display", new Variant<>("submenu"));
            case TrayMenuItem.Action a -> {
                all.put("label", new Variant<>(label(a.label())));
                all.put("enabled", new Variant<>(true));
            }
            case TrayMenuItem.Info i -> {
                all.put("label", new Variant<>(label(i.label())));
                all.put("enabled", new Variant<>(false));
            }
            case TrayMenuItem.Submenu s -> {
                all.put("label", new Variant<>(label(s.label())));
                all.put("children-display", new Variant<>("submenu"));
            }
            case TrayMenuItem.Separator x -> all.put("type", new Variant<>("separator"));
        }
        if (!names.isEmpty()) {
            all.keySet().retainAll(names);
        }
        return all;
    }

    /** dbusmenu reads one underscore as a mnemonic mark; a name such as {@code db_url} keeps its own. */
    private static String label(String text) {
        return text.replace("_", "__");
    }

    @Override
    public List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames) {
        Tree t = tree;
        List<Integer> wanted = ids.isEmpty() ? new ArrayList<>(t.children().keySet()) : ids;
        return wanted.stream().filter(id -> id == 0 || t.items().containsKey(id))
                .map(id -> new ItemProperties(id, properties(t, id, propertyNames))).toList();
    }

    @Override
    public Variant<?> GetProperty(int id, String name) {
        Variant<?> value = properties(tree, id, List.of(name)).get(name);
        return value == null ? new Variant<>("") : value;
    }

    @Override
    public void Event(int id, String eventId, Variant<?> data, UInt32 timestamp) {
        if (eventId.equals("clicked") && tree.items().get(id) instanceof TrayMenuItem.Action a) {
            onUi.execute(a.action());
        }
    }

    @Override
    public List<Integer> EventGroup(List<MenuEvent> events) {
        List<Integer> notFound = new ArrayList<>();
        for (MenuEvent e : events) {
            if (e.id != 0 && !tree.items().containsKey(e.id)) {
                notFound.add(e.id);
            } else {
                Event(e.id, e.eventId, e.data, e.timestamp);
            }
        }
        return notFound;
    }

    @Override
    public boolean AboutToShow(int id) {
        return false; // the menu is rebuilt and announced whenever it changes, never on opening
    }

    @Override
    public Pair<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids) {
        return new Pair<>(List.of(), ids.stream().filter(id -> id != 0 && !tree.items().containsKey(id)).toList());
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        return Map.of("Version", new Variant<>(new UInt32(3)), "TextDirection", new Variant<>("ltr"),
                "Status", new Variant<>("normal"), "IconThemePath", new Variant<>(List.of(), "as"));
    }

    @Override
    public String getObjectPath() {
        return DBusMenu.OBJECT_PATH;
    }
}
