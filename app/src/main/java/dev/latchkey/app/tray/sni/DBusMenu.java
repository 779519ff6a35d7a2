package dev.latchkey.app.tray.sni;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The part of Canonical's dbusmenu interface a tray host calls to draw an item's menu: the layout
 * as a tree of ids with properties ({@code label}, {@code enabled}, {@code type},
 * {@code children-display}), and events such as {@code clicked} sent back by id. Names as D-Bus
 * spells them; the fields of the structures below are public because dbus-java reads them.
 */
@DBusInterfaceName(DBusMenu.INTERFACE)
public interface DBusMenu extends DBusInterface {

    /** The interface name. */
    String INTERFACE = "com.canonical.dbusmenu";
    /** Where Latchkey serves its menu (the item's {@code Menu} property points here). */
    String OBJECT_PATH = "/MenuBar";

    /** The menu from {@code parentId} down {@code recursionDepth} levels (-1: all). */
    Pair<UInt32, Layout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames);

    /** The properties of several items. */
    List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames);

    /** One property of one item. */
    Variant<?> GetProperty(int id, String name);

    /** Something happened to an item: {@code clicked}, {@code hovered}, {@code opened}, {@code closed}. */
    void Event(int id, String eventId, Variant<?> data, UInt32 timestamp);

    /** Several events at once; returns the ids that were not found. */
    List<Integer> EventGroup(List<MenuEvent> events);

    /** The host is about to show the submenu {@code id}; true when it should fetch the layout again. */
    boolean AboutToShow(int id);

    /** {@link #AboutToShow} for several submenus. */
    Pair<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids);

    /** One item and, as variants, its children: D-Bus type {@code (ia{sv}av)}. */
    final class Layout extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;
        @Position(2)
        public final List<Variant<?>> children;

        /** An item with its properties and children. */
        public Layout(int id, Map<String, Variant<?>> properties, List<Variant<?>> children) {
            this.id = id;
            this.properties = properties;
            this.children = children;
        }
    }

    /**
     * Two answers of one call (dbus-java wants tuples generic): {@link #GetLayout}'s revision and
     * layout, {@link #AboutToShowGroup}'s ids to update and ids not found.
     */
    final class Pair<A, B> extends Tuple {
        @Position(0)
        public final A first;
        @Position(1)
        public final B second;

        /** Both answers. */
        public Pair(A first, B second) {
            this.first = first;
            this.second = second;
        }
    }

    /** An item's id and properties: D-Bus type {@code (ia{sv})}. */
    final class ItemProperties extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;

        /** The properties of item {@code id}. */
        public ItemProperties(int id, Map<String, Variant<?>> properties) {
            this.id = id;
            this.properties = properties;
        }
    }

    /** Names of properties an item no longer has: D-Bus type {@code (ias)}. */
    final class RemovedProperties extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final List<String> names;

        /** Properties removed from item {@code id}. */
        public RemovedProperties(int id, List<String> names) {
            this.id = id;
            this.names = names;
        }
    }

    /** One event of {@link #EventGroup}: D-Bus type {@code (isvu)}. */
    final class MenuEvent extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final String eventId;
        @Position(2)
        public final Variant<?> data;
        @Position(3)
        public final UInt32 timestamp;

        /** What happened to item {@code id}. */
        public MenuEvent(int id, String eventId, Variant<?> data, UInt32 timestamp) {
            this.id = id;
            this.eventId = eventId;
            this.data = data;
            this.timestamp = timestamp;
        }
    }

    /** The layout under {@code parent} changed; hosts fetch it again. */
    class LayoutUpdated extends DBusSignal {
        /** The new revision. */
        public final UInt32 revision;
        /** The item whose children changed (0: the root). */
        public final int parent;

        /** From the menu at {@code path}. */
        public LayoutUpdated(String path, UInt32 revision, int parent) throws DBusException {
            super(path, revision, parent);
            this.revision = revision;
            this.parent = parent;
        }
    }

    /** Properties of items changed (or were removed). */
    class ItemsPropertiesUpdated extends DBusSignal {
        /** Changed properties by item. */
        public final List<ItemProperties> updated;
        /** Removed properties by item. */
        public final List<RemovedProperties> removed;

        /** From the menu at {@code path}. */
        public ItemsPropertiesUpdated(String path, List<ItemProperties> updated, List<RemovedProperties> removed)
                throws DBusException {
            super(path, updated, removed);
            this.updated = updated;
            this.removed = removed;
        }
    }
}
