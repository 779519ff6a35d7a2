package dev.latchkey.app.tray.sni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.tray.TrayController;
import dev.latchkey.app.tray.TrayMenu;
import dev.latchkey.app.tray.TrayMenuItem;
import dev.latchkey.app.tray.TrayState;
import dev.latchkey.app.tray.TraySupport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The StatusNotifierItem tray over the real session bus: a (small, real) watcher in the test, the
 * tray registering with it, and a second connection reading the item and its menu as a panel does.
 */
class SniTrayTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final List<TrayMenuItem> menu = TrayMenu.build(List.of("payments-api"),
            List.of(new TrayMenu.GrantLine("payments/prod/db_url", NOW.plus(Duration.ofMinutes(14)))), List.of(), true,
            NOW, ZoneOffset.UTC, new TrayMenu.Actions(() -> ran.add("open"), () -> ran.add("sign out"), () -> ran.add("quit")));
    private TrayWatcher watcher;
    private DBusConnection panel;
    private Optional<TrayController> tray = Optional.empty();

    @BeforeEach
    void panel() throws Exception {
        watcher = TrayWatcher.start(true);
        panel = DBusConnectionBuilder.forSessionBus().withShared(false).build();
    }

    @AfterEach
    void close() throws Exception {
        tray.ifPresent(TrayController::remove);
        panel.close();
        watcher.close();
    }

    private TrayController install() throws Exception {
        tray = TrayController.install(() -> ran.add("open"), Runnable::run, true);
        if (tray.isEmpty()) {
            SniTray.open(() -> { }, Runnable::run, true).orElseThrow(); // throws what went wrong on the bus
        }
        assertThat(tray).as("a watcher with a host is on the bus").isPresent();
        return tray.get();
    }

    private Properties item() throws Exception {
        await().atMost(WAIT).until(() -> watcher.items().size() == 1);
        return panel.getRemoteObject(watcher.items().getFirst(), StatusNotifierItem.OBJECT_PATH, Properties.class);
    }

    private static Object value(Object got) {
        return got instanceof Variant<?> v ? v.getValue() : got;
    }

    @Test
    void registersUnderItsOwnBusNameAndShowsTheStateInStatusIconAndToolTip() throws Exception {
        TrayController controller = install();
        assertThat(controller.kind()).isEqualTo(TrayController.Kind.STATUS_NOTIFIER);
        assertThat(controller.balloons()).as("notifications go to the notification server, not the item").isEmpty();
        Properties item = item();
        assertThat(watcher.items().getFirst()).matches("org\\.kde\\.StatusNotifierItem-" + ProcessHandle.current().pid() + "-\\d+");
        List<String> statuses = new CopyOnWriteArrayList<>();
        panel.addSigHandler(StatusNotifierItem.NewStatus.class, s -> statuses.add(s.status));

        controller.show(TrayState.OK);
        assertThat(value(item.Get(StatusNotifierItem.INTERFACE, "Status"))).isEqualTo("Active");
        assertThat(value(item.Get(StatusNotifierItem.INTERFACE, "Id"))).isEqualTo("latchkey");
        assertThat(value(item.Get(StatusNotifierItem.INTERFACE, "Category"))).isEqualTo("ApplicationStatus");
        byte[] okIcon = pixels(item, 16);

        controller.show(TrayState.WARNING);
        await().atMost(WAIT).until(() -> statuses.contains("NeedsAttention"));
        assertThat(value(item.Get(StatusNotifierItem.INTERFACE, "Status"))).isEqualTo("NeedsAttention");
        assertThat(toolTip(item)).isEqualTo(TrayState.WARNING.describe());
        byte[] warningIcon = pixels(item, 16);
        assertThat(warningIcon).as("the warning icon differs from the ok one").isNotEqualTo(okIcon)
                .isEqualTo(IconPixmap.of(TrayState.WARNING, true).getFirst().pixels);

        controller.show(TrayState.EXPIRED);
        assertThat(toolTip(item)).isEqualTo("Latchkey: access has ended or was revoked");
        controller.show(TrayState.OFFLINE);
        assertThat(value(item.Get(StatusNotifierItem.INTERFACE, "Status"))).isEqualTo("Active");
        assertThat(pixels(item, 16)).isEqualTo(IconPixmap.of(TrayState.OFFLINE, true).getFirst().pixels);
    }

    /** The IconPixmap of {@code size} px as the panel got it, after checking every size is there. */
    private static byte[] pixels(Properties item, int size) {
        List<?> icons = (List<?>) value(item.Get(StatusNotifierItem.INTERFACE, "IconPixmap"));
        List<Integer> sizes = new ArrayList<>();
        byte[] wanted = null;
        for (Object icon : icons) {
            Object[] fields = fields(icon);
            int width = (Integer) fields[0];
            assertThat(fields[1]).isEqualTo(width);
            byte[] argb = bytes(fields[2]);
            assertThat(argb).hasSize(width * width * 4);
            sizes.add(width);
            if (width == size) {
                wanted = argb;
            }
        }
        assertThat(sizes).containsExactly(16, 22, 24, 32, 48, 64);
        return wanted;
    }

    /** An {@code ay} as dbus-java hands it over inside a structure it does not know: bytes or a list of them. */
    private static byte[] bytes(Object ay) {
        if (ay instanceof byte[] b) {
            return b;
        }
        List<?> list = (List<?>) ay;
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Byte) list.get(i);
        }
        return out;
    }

    private static String toolTip(Properties item) {
        Object[] tip = fields(value(item.Get(StatusNotifierItem.INTERFACE, "ToolTip")));
        assertThat(tip[2]).isEqualTo("Latchkey");
        return (String) tip[3];
    }

    /** A structure as dbus-java hands over one whose Java class it does not know. */
    private static Object[] fields(Object struct) {
        return struct instanceof Object[] a ? a : ((List<?>) struct).toArray();
    }

    @Test
    void theMenuHasTheTrayItemsAndAClickRunsTheAction() throws Exception {
        TrayController controller = install();
        controller.setMenu(menu);
        Properties item = item();
        String path = value(item.Get(StatusNotifierItem.INTERFACE, "Menu")).toString();
        assertThat(path).isEqualTo(DBusMenu.OBJECT_PATH);
        DBusMenu remote = panel.getRemoteObject(watcher.items().getFirst(), path, DBusMenu.class);

        DBusMenu.Pair<UInt32, DBusMenu.Layout> reply = remote.GetLayout(0, -1, List.of());
        List<String> lines = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        flatten(reply.second.id, reply.second.properties, reply.second.children, "", lines, ids);
        assertThat(lines).containsExactly(
                "Open Latchkey", "---", "Running apps (1) >", "  payments-api (disabled)", "Active grants (1) >",
                "  payments/prod/db__url — 14 min left (until 10:14) (disabled)", "---", "Sign out", "Quit Latchkey");

        remote.Event(ids.get(lines.indexOf("Sign out")), "clicked", new Variant<>(""), new UInt32(0));
        await().atMost(WAIT).until(() -> ran.contains("sign out"));
        assertThat(remote.EventGroup(List.of(new DBusMenu.MenuEvent(ids.getFirst(), "clicked", new Variant<>(0), new UInt32(0)),
                new DBusMenu.MenuEvent(999, "clicked", new Variant<>(0), new UInt32(0))))).containsExactly(999);
        await().atMost(WAIT).until(() -> ran.contains("open"));
        assertThat(remote.AboutToShow(0)).isFalse();
        assertThat(remote.AboutToShowGroup(List.of(0, 999)).second).as("ids not found").containsExactly(999);
        List<DBusMenu.ItemProperties> group = remote.GetGroupProperties(List.of(ids.get(lines.indexOf("Sign out"))), List.of("label"));
        assertThat(group).singleElement().satisfies(p -> assertThat(value(p.properties.get("label"))).isEqualTo("Sign out"));
        assertThat(value(remote.GetProperty(ids.get(lines.indexOf("Quit Latchkey")), "label"))).isEqualTo("Quit Latchkey");

        List<Long> revisions = new CopyOnWriteArrayList<>();
        panel.addSigHandler(DBusMenu.LayoutUpdated.class, s -> revisions.add(s.revision.longValue()));
        controller.setMenu(menu.subList(0, 1));
        await().atMost(WAIT).until(() -> revisions.contains(reply.first.longValue() + 1));
        assertThat(remote.GetLayout(0, -1, List.of()).second.children).hasSize(1);
    }

    /** Lines "label", "  child (disabled)", "---" for separators, "label >" for submenus, with each item's id. */
    private static void flatten(int id, Map<String, Variant<?>> props, List<Variant<?>> children, String indent,
                                List<String> lines, List<Integer> ids) {
        if (id != 0) {
            String line = props.containsKey("type") ? "---" : indent + value(props.get("label"))
                    + (props.containsKey("children-display") ? " >" : "")
                    + (Boolean.FALSE.equals(value(props.get("enabled"))) ? " (disabled)" : "");
            lines.add(line);
            ids.add(id);
        }
        for (Variant<?> child : children) {
            Object[] f = fields(child.getValue());
            @SuppressWarnings("unchecked")
            Map<String, Variant<?>> childProps = (Map<String, Variant<?>>) f[1];
            @SuppressWarnings("unchecked")
            List<Variant<?>> grandChildren = (List<Variant<?>>) f[2];
            flatten((Integer) f[0], childProps, grandChildren, id == 0 ? "" : indent + "  ", lines, ids);
        }
    }

    @Test
    void activatingTheIconOpensTheWindow() throws Exception {
        install();
        item();
        panel.getRemoteObject(watcher.items().getFirst(), StatusNotifierItem.OBJECT_PATH, StatusNotifierItem.class).Activate(0, 0);
        await().atMost(WAIT).until(() -> ran.contains("open"));
    }

    @Test
    void aRestartedWatcherGetsTheItemAgain() throws Exception {
        TrayController controller = install();
        item();
        String name = watcher.items().getFirst();
        watcher.close();
        watcher = TrayWatcher.start(true);
        await().atMost(WAIT).until(() -> watcher.items().equals(List.of(name)));
        assertThat(controller.kind()).isEqualTo(TrayController.Kind.STATUS_NOTIFIER);
    }

    @Test
    void withoutAHostOrWithoutAWatcherTheAwtTrayIsTheOneTried() throws Exception {
        watcher.close();
        watcher = TrayWatcher.start(false);
        assertThat(SniTray.connect(() -> { }, Runnable::run, true)).as("a watcher but no panel to draw items").isEmpty();
        watcher.close();
        assertThat(SniTray.connect(() -> { }, Runnable::run, true)).as("no watcher").isEmpty();
        tray = TrayController.install(() -> ran.add("open"), Runnable::run, true);
        // Under Xvfb there is no XEmbed tray either, so AWT refuses too and there is no tray at all.
        assertThat(tray.map(TrayController::kind)).isEqualTo(TraySupport.isSupported()
                ? Optional.of(TrayController.Kind.AWT) : Optional.empty());
        watcher = TrayWatcher.start(true); // for close()
    }
}
