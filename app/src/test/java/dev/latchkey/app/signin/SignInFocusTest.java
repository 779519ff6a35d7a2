package dev.latchkey.app.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.MemoryClipboard;
import dev.latchkey.app.common.Shots;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.app.common.Theme;
import dev.latchkey.app.common.Toasts;
import dev.latchkey.app.common.UiThread;
import dev.latchkey.app.common.UiThreadFailures;
import dev.latchkey.app.shell.MainWindow;
import dev.latchkey.core.SignInListener;
import dev.latchkey.core.auth.SignInDeniedException;
import dev.latchkey.core.auth.DeviceCodePrompt;
import dev.latchkey.core.auth.User;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Where the keyboard is on the sign-in screen: on the wait's message while the code is fetched
 * (not on the window's theme button), on "Open browser" once the code shows, on "Try again" after
 * a failure. The code arrives when the test says, from a flow held in the background. With
 * {@code -Dlatchkey.shots=DIR} it photographs each state at both sizes.
 */
@ExtendWith({UiThreadFailures.class, ApplicationExtension.class})
class SignInFocusTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final DeviceCodePrompt PROMPT = new DeviceCodePrompt("WDJB-MJHT", URI.create("http://127.0.0.1:1/dev-idp/device"),
            Optional.empty(), NOW.plus(Duration.ofMinutes(10)));

    private final ManualScheduler scheduler = new ManualScheduler(NOW);
    private final List<Callable<?>> held = new ArrayList<>();
    private final List<Consumer<? super Exception>> failures = new ArrayList<>();
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        // Work is held until the test runs it; the flow shows the code and stays waiting (it reports nothing back).
        TaskRunner background = new TaskRunner() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
                held.add(work);
                failures.add(onFailure);
            }

            @Override
            public void onUi(Runnable action) {
                action.run();
            }
        };
        SignInFlow flow = new SignInFlow() {
            @Override
            public User signIn(SignInListener listener) {
                listener.showCode(PROMPT);
                return null;
            }

            @Override
            public void cancel() {
            }
        };
        SignInViewModel model = new SignInViewModel(background, scheduler, flow, new MemoryClipboard(), uri -> { }, user -> { });
        MainWindow window = new MainWindow(stage, new BannerModel(), new Toasts(scheduler), Theme.LIGHT);
        model.start();
        window.show(new SignInView(model, "the demo broker", true));
        stage.setWidth(1024);
        stage.setHeight(640);
        stage.show();
    }

    @Test
    void theKeyboardWaitsWithTheMessageThenMovesToOpenBrowserOrTryAgain(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusOwner()).as("while the code is fetched").isEqualTo("signin-asking");
        Shots.take(robot, stage, "signin-fetching-code");

        UiThread.get(held.getFirst());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusOwner()).as("once the code shows").isEqualTo("open-browser");
        Shots.take(robot, stage, "signin-code-shown");

        UiThread.run(() -> failures.getFirst().accept(new SignInDeniedException("access_denied")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusOwner()).as("after a failure").isEqualTo("retry-signin");
        Shots.take(robot, stage, "signin-failed");
    }

    private String focusOwner() {
        return UiThread.get(() -> Optional.ofNullable(stage.getScene().getFocusOwner()).map(Node::getId).orElse("none"));
    }
}
