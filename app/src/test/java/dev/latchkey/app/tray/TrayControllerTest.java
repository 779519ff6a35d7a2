package dev.latchkey.app.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.tray.sni.SniTray;
import dev.latchkey.app.tray.sni.TrayWatcher;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which tray shows as the desktop's StatusNotifierWatcher comes and goes: the item and the watcher
 * are real, on the session bus; AWT's tray is a recording stand-in, since Xvfb has no tray for it.
 */
class TrayControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Stands in for AWT's tray: records what it was asked to show. */
    private static final class RecordingTray implements Tray {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void show(TrayState state) {
            calls.add("show " + state);
        }

        @Override
        public void setMenu(List<TrayMenuItem> items) {
            calls.add("menu " + items.size());
        }

        @Override
        public void remove() {
            calls.add("remove");
        }
    }

    private final RecordingTray awt = new RecordingTray();
    private TrayWatcher watcher;
    private Optional<TrayController> controller = Optional.empty();

    @AfterEach
    void close() throws Exception {
        controller.ifPresent(TrayController::remove);
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void whenTheWatcherGoesAwayAwtTakesOverAndWhenItComesBackTheItemRegistersAgain() throws Exception {
        watcher = TrayWatcher.start(true);
        controller = TrayController.install(SniTray.connect(() -> { }, Runnable::run, true), () -> Optional.of(awt));
        TrayController tray = controller.orElseThrow();
        assertThat(tray.kind()).isEqualTo(TrayController.Kind.STATUS_NOTIFIER);
        await().atMost(WAIT).until(() -> watcher.items().size() == 1);
        tray.show(TrayState.WARNING);
        tray.setMenu(List.of(new TrayMenuItem.Info("payments-api"), new TrayMenuItem.Separator()));
        assertThat(awt.calls).as("AWT is not touched while the item shows").isEmpty();

        watcher.close();
        await().atMost(WAIT).until(() -> tray.kind() == TrayController.Kind.AWT);
        assertThat(awt.calls).as("AWT shows what the item showed").containsExactly("show WARNING", "menu 2");

        watcher = TrayWatcher.start(true);
        await().atMost(WAIT).until(() -> tray.kind() == TrayController.Kind.STATUS_NOTIFIER);
        assertThat(watcher.items()).hasSize(1);
        assertThat(awt.calls).endsWith("remove");
    }

    @Test
    void withoutAWatcherAwtShowsFromTheStart() {
        controller = TrayController.install(SniTray.connect(() -> { }, Runnable::run, true), () -> Optional.of(awt));
        assertThat(controller.orElseThrow().kind()).isEqualTo(TrayController.Kind.AWT);
        controller.get().show(TrayState.SIGNED_OUT);
        assertThat(awt.calls).containsExactly("show SIGNED_OUT");
        assertThat(TrayController.install(Optional.empty(), Optional::empty)).as("neither kind of tray").isEmpty();
    }
}
