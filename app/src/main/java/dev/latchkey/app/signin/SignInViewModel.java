package dev.latchkey.app.signin;

import dev.latchkey.app.common.ClipboardAccess;
import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.SignInListener;
import dev.latchkey.core.auth.DeviceCodePrompt;
import dev.latchkey.core.auth.IdpUnreachableException;
import dev.latchkey.core.auth.SignInCancelledException;
import dev.latchkey.core.auth.SignInDeniedException;
import dev.latchkey.core.auth.SignInExpiredException;
import dev.latchkey.core.auth.User;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Signing in with the device flow: shows the code, the link and its QR code, counts down to the
 * code's expiry, and ends signed in or on a screen that says what happened with a retry.
 * The flow itself blocks, so it runs through the {@link TaskRunner}; the code arrives from that
 * background thread and is handed to the UI thread.
 */
public final class SignInViewModel {

    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final SignInFlow flow;
    private final ClipboardAccess clipboard;
    private final Consumer<URI> browser;
    private final Consumer<User> onSignedIn;
    private final ReadOnlyObjectWrapper<SignInState> state = new ReadOnlyObjectWrapper<>(new SignInState.Starting());
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");
    private Scheduler.Cancellable tick = () -> { };

    public SignInViewModel(TaskRunner tasks, Scheduler scheduler, SignInFlow flow, ClipboardAccess clipboard,
                           Consumer<URI> browser, Consumer<User> onSignedIn) {
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.flow = flow;
        this.clipboard = clipboard;
        this.browser = browser;
        this.onSignedIn = onSignedIn;
    }

    /** Starts (or restarts) the device flow in the background. */
    public void start() {
        tick.cancel();
        state.set(new SignInState.Starting());
        countdown.set("");
        SignInListener listener = prompt -> tasks.onUi(() -> showCode(prompt));
        tasks.run(() -> flow.signIn(listener), user -> {
            tick.cancel();
            state.set(new SignInState.SignedIn(user));
            onSignedIn.accept(user);
        }, failure -> {
            tick.cancel();
            countdown.set("");
            state.set(failed(failure));
        });
    }

    /** Stops waiting; the screen then offers to start again. */
    public void cancel() {
        flow.cancel();
    }

    /** Puts the user code on the clipboard (it is no secret: it only works with the person's approval). */
    public void copyCode() {
        if (state.get() instanceof SignInState.WaitingForApproval w) {
            clipboard.put(w.prompt().userCode());
        }
    }

    /** Opens the verification link (with the code in it, when the IdP offers one) in the browser. */
    public void openBrowser() {
        if (state.get() instanceof SignInState.WaitingForApproval w) {
            browser.accept(w.prompt().linkToOpen());
        }
    }

    private void showCode(DeviceCodePrompt prompt) {
        state.set(new SignInState.WaitingForApproval(prompt));
        updateCountdown(prompt);
    }

    private void updateCountdown(DeviceCodePrompt prompt) {
        if (!(state.get() instanceof SignInState.WaitingForApproval w) || w.prompt() != prompt) {
            return;
        }
        Duration left = Duration.between(scheduler.clock().instant(), prompt.expiresAt());
        if (left.isNegative()) {
            left = Duration.ZERO;
        }
        countdown.set(String.format("The code expires in %d:%02d", left.toMinutes(), left.toSecondsPart()));
        tick = scheduler.after(Duration.ofSeconds(1), () -> updateCountdown(prompt));
    }

    private static SignInState.Failed failed(Exception e) {
        return switch (e) {
            case SignInDeniedException d -> new SignInState.Failed(SignInState.Reason.DENIED,
                    "Sign-in was declined in the browser. If that was not you, tell your administrator; "
                            + "otherwise try again.");
            case SignInExpiredException x -> new SignInState.Failed(SignInState.Reason.EXPIRED,
                    "The code expired before it was approved. Try again and approve the new code in time.");
            case SignInCancelledException c -> new SignInState.Failed(SignInState.Reason.CANCELLED,
                    "Sign-in cancelled.");
            case IdpUnreachableException u -> new SignInState.Failed(SignInState.Reason.UNREACHABLE,
                    "The sign-in provider cannot be reached: " + Failures.describe(u)
                            + " Check your network, then try again.");
            default -> new SignInState.Failed(SignInState.Reason.OTHER, Failures.describe(e));
        };
    }

    public ReadOnlyObjectProperty<SignInState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** "The code expires in 9:41", ticking each second while waiting. */
    public ReadOnlyStringProperty countdownProperty() {
        return countdown.getReadOnlyProperty();
    }
}
