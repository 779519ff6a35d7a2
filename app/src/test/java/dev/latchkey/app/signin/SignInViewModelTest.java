package dev.latchkey.app.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.MemoryClipboard;
import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.SignInListener;
import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.DeviceCodePrompt;
import dev.latchkey.core.auth.IdpUnreachableException;
import dev.latchkey.core.auth.SignInDeniedException;
import dev.latchkey.core.auth.SignInExpiredException;
import dev.latchkey.core.auth.User;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The sign-in screen's states and timers with a scripted flow; the real device flow against the
 * dev IdP is driven through the window in LatchkeyAppTest.
 */
class SignInViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final DeviceCodePrompt PROMPT = new DeviceCodePrompt("WDJB-MJHT", URI.create("http://127.0.0.1:1/dev-idp/device"),
            Optional.of(URI.create("http://127.0.0.1:1/dev-idp/device?user_code=WDJB-MJHT")), NOW.plus(Duration.ofMinutes(10)));

    private final ManualScheduler scheduler = new ManualScheduler(NOW);
    private final MemoryClipboard clipboard = new MemoryClipboard();
    private final List<URI> opened = new ArrayList<>();
    private final List<User> signedIn = new ArrayList<>();

    /** A flow that shows the prompt, then ends as {@code outcome} says. */
    private SignInViewModel model(AuthException outcome, boolean showPrompt) {
        SignInFlow flow = new SignInFlow() {
            @Override
            public User signIn(SignInListener listener) throws AuthException {
                if (showPrompt) {
                    listener.showCode(PROMPT);
                }
                if (outcome != null) {
                    throw outcome;
                }
                return new User("s-1", "ada", "ada@example.com", List.of("payments-dev"));
            }

            @Override
            public void cancel() {
            }
        };
        return new SignInViewModel(new SameThreadTaskRunner(), scheduler, flow, clipboard, opened::add, signedIn::add);
    }

    @Test
    void aDeclinedSignInSaysSoWithARetry() {
        SignInViewModel model = model(new SignInDeniedException("access_denied"), true);
        model.start();
        assertThat(model.stateProperty().get()).isInstanceOfSatisfying(SignInState.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(SignInState.Reason.DENIED);
            assertThat(f.why()).contains("declined").contains("try again");
        });
        assertThat(model.countdownProperty().get()).isEmpty();
        assertThat(scheduler.pending()).as("no countdown left ticking").isZero();
    }

    @Test
    void anExpiredCodeAndAnUnreachableProviderAreTheirOwnScreens() {
        SignInViewModel expired = model(new SignInExpiredException("expired_token"), true);
        expired.start();
        assertThat(((SignInState.Failed) expired.stateProperty().get()).reason()).isEqualTo(SignInState.Reason.EXPIRED);
        SignInViewModel unreachable = model(new IdpUnreachableException("cannot reach http://127.0.0.1:1/dev-idp"), false);
        unreachable.start();
        assertThat(unreachable.stateProperty().get()).isInstanceOfSatisfying(SignInState.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(SignInState.Reason.UNREACHABLE);
            assertThat(f.why()).contains("Cannot reach http://127.0.0.1:1/dev-idp").contains("Check your network");
        });
    }

    @Test
    void aSuccessfulSignInHandsOverTheUser() {
        SignInViewModel model = model(null, true);
        model.start();
        assertThat(signedIn).extracting(User::name).containsExactly("ada");
        assertThat(model.stateProperty().get()).isInstanceOf(SignInState.SignedIn.class);
    }

    @Test
    void theCountdownCopyAndOpenWorkOnTheShownCode() {
        List<SignInListener> held = new ArrayList<>();
        SignInFlow pending = new SignInFlow() {
            @Override
            public User signIn(SignInListener listener) {
                held.add(listener);
                return null;
            }

            @Override
            public void cancel() {
            }
        };
        // A runner that starts the flow but never reports back: the flow is still waiting.
        TaskRunner waitingRunner = new TaskRunner() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> onSuccess,
                                Consumer<? super Exception> onFailure) {
                try {
                    work.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void onUi(Runnable action) {
                action.run();
            }
        };
        SignInViewModel model = new SignInViewModel(waitingRunner, scheduler, pending, clipboard, opened::add, signedIn::add);
        model.start();
        held.getFirst().showCode(PROMPT);
        assertThat(model.countdownProperty().get()).isEqualTo("The code expires in 10:00");
        scheduler.advance(Duration.ofSeconds(61));
        assertThat(model.countdownProperty().get()).isEqualTo("The code expires in 8:59");
        model.copyCode();
        assertThat(clipboard.text()).contains("WDJB-MJHT");
        model.openBrowser();
        assertThat(opened).containsExactly(URI.create("http://127.0.0.1:1/dev-idp/device?user_code=WDJB-MJHT"));
    }
}
