package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.FxScheduler;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.app.keychain.KeychainPromptBanner;
import dev.latchkey.core.keychain.KeychainPrompt;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * While the keychain shows its own prompt, the window's banner says what Latchkey waits for and
 * offers Cancel, which stops the wait; the notice goes once the wait is over. The prompt reaches
 * the banner the way sessions report it: from the keychain's thread, through the app's services.
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class KeychainPromptWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NOTICE = "#notice-" + KeychainPromptBanner.KEY;

    private AppComposition app;

    @AfterEach
    void close(FxRobot robot) throws Exception {
        AppWindow.close(robot, app);
    }

    @Test
    void aKeychainPromptShowsInTheBannerWithCancelAndLeavesWhenTheWaitEnds(FxRobot robot) throws Exception {
        AppServices services = new AppServices(new FxTaskRunner(), new FxScheduler(Clock.systemUTC()),
                BrokerProbe.overHttp(), TestSessions.inMemory().sessions());
        app = AppWindow.start(robot, services, new LaunchOptions(LaunchOptions.Mode.WELCOME, Optional.empty(), Optional.empty()));

        AtomicInteger cancels = new AtomicInteger();
        KeychainPrompt unlock = new KeychainPrompt(KeychainPrompt.Kind.UNLOCK, Duration.ofSeconds(60), cancels::incrementAndGet);
        CompletableFuture.runAsync(() -> services.keychainPrompts().waiting(unlock)).get();
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, NOTICE).tryQuery().isPresent());
        HBox row = UiThread.lookup(robot, NOTICE).queryAs(HBox.class);
        assertThat(((Label) row.getChildren().get(0)).getText())
                .isEqualTo("Unlock your keychain to continue — waiting up to 60 s.");
        Button cancel = UiThread.lookup(robot, "#" + KeychainPromptBanner.KEY + "-cancel").queryAs(Button.class);
        assertThat(cancel.getText()).isEqualTo("Cancel");

        // The window's first moments (the tray's notice arriving, the first size) may redraw the row
        // between the lookup and the click: the button then found again is the one on screen.
        // A click already made may take the row away before this loop looks again: absent is fine then.
        await().atMost(WAIT).until(() -> {
            Optional<Button> found = UiThread.lookup(robot, "#" + KeychainPromptBanner.KEY + "-cancel").tryQueryAs(Button.class);
            if (cancels.get() > 0 || found.isEmpty()) {
                return cancels.get() > 0;
            }
            Button shown = found.get();
            if (shown.getScene() != null) {
                try {
                    UiThread.click(robot, shown);
                } catch (RuntimeException leftTheScene) {
                    if (shown.getScene() != null) {
                        throw leftTheScene;
                    }
                }
            }
            return cancels.get() > 0;
        });
        assertThat(cancels).as("Cancel stops the wait, once").hasValue(1);

        CompletableFuture.runAsync(() -> services.keychainPrompts().ended(unlock)).get();
        await().atMost(WAIT).until(() -> UiThread.lookup(robot, NOTICE).tryQuery().isEmpty());
    }
}
