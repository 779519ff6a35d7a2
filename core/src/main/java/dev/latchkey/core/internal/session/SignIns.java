package dev.latchkey.core.internal.session;

import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.DeviceCodePrompt;
import dev.latchkey.core.auth.Pause;
import dev.latchkey.core.internal.auth.DeviceFlow;
import dev.latchkey.core.internal.auth.SignInCancellation;
import dev.latchkey.core.internal.auth.TokenSet;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A session's device sign-ins: at most one runs at a time (a new one cancels the one before), and
 * any thread can cancel the one running.
 */
public final class SignIns {

    private final IdpConnection idp;
    private final Clock clock;
    private final Pause pause;
    private final AtomicReference<SignInCancellation> running = new AtomicReference<>();

    /**
     * Sign-ins at {@code idp}.
     *
     * @param pause stands in for the real wait between polls, or null to wait for real
     */
    public SignIns(IdpConnection idp, Clock clock, Pause pause) {
        this.idp = idp;
        this.clock = clock;
        this.pause = pause;
    }

    /** Runs the device flow on the calling thread until it ends; see {@code Session.signIn}. */
    public TokenSet run(Consumer<DeviceCodePrompt> prompt) throws AuthException {
        SignInCancellation cancellation = new SignInCancellation();
        SignInCancellation earlier = running.getAndSet(cancellation);
        if (earlier != null) {
            earlier.cancel();
        }
        try {
            return new DeviceFlow(idp.endpoint(), clock, pause).signIn(prompt, cancellation);
        } finally {
            running.compareAndSet(cancellation, null);
        }
    }

    /** Stops the sign-in running, if any. */
    public void cancel() {
        SignInCancellation r = running.get();
        if (r != null) {
            r.cancel();
        }
    }
}
