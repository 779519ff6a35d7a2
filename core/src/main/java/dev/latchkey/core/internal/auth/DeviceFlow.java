package dev.latchkey.core.internal.auth;

import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.DeviceCodePrompt;
import dev.latchkey.core.auth.Pause;
import dev.latchkey.core.auth.SignInCancelledException;
import dev.latchkey.core.auth.SignInDeniedException;
import dev.latchkey.core.auth.SignInExpiredException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The RFC 8628 device authorization grant, start to finish: ask for a code, hand the prompt to
 * the caller, poll at the IdP's interval (five seconds more after each {@code slow_down}) until
 * the person approves or declines, the code expires, or the caller cancels.
 *
 * <p>Expiry is the IdP's call: its {@code expired_token} ends the flow. The local clock only
 * backs that up, and only a grace period after the code's {@code expires_in} has passed, so a
 * machine whose clock runs fast does not give up on a code the IdP still honours.
 */
public final class DeviceFlow {

    /** The wait added on each {@code slow_down} (RFC 8628 3.5). */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    /** How long past {@code expires_in} the local clock keeps polling a code the IdP still calls pending. */
    static final Duration EXPIRY_GRACE = Duration.ofSeconds(30);

    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final Pause pause;

    /**
     * A flow over {@code endpoint}.
     *
     * @param pause stands in for the real wait between polls, or null to wait for real
     */
    public DeviceFlow(TokenEndpoint endpoint, Clock clock, Pause pause) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * Runs the whole flow on the calling thread.
     *
     * @param prompt called once with what to show the person, before the first poll
     * @param cancellation lets another thread stop the flow
     * @return the tokens, with the signed-in user
     */
    public TokenSet signIn(Consumer<DeviceCodePrompt> prompt, SignInCancellation cancellation) throws AuthException {
        DeviceAuthorization device = endpoint.authorize();
        prompt.accept(device.prompt());
        Duration interval = device.interval();
        Instant giveUpAt = device.receivedAt().plus(device.lifetime()).plus(EXPIRY_GRACE);
        while (true) {
            waitFor(interval, cancellation);
            PollOutcome outcome = endpoint.poll(device);
            switch (outcome) {
                case PollOutcome.Approved approved -> {
                    return approved.tokens();
                }
                case PollOutcome.Denied denied -> throw new SignInDeniedException(
                        "the sign-in was declined in the browser; run the sign-in again to retry");
                case PollOutcome.Expired expired -> throw expired(device);
                case PollOutcome.SlowDown slowDown -> interval = interval.plus(SLOW_DOWN_STEP);
                case PollOutcome.Pending pending -> {
                    // keep polling
                }
            }
            if (!clock.instant().isBefore(giveUpAt)) {
                throw expired(device);
            }
        }
    }

    private void waitFor(Duration interval, SignInCancellation cancellation) throws SignInCancelledException {
        if (cancellation.isCancelled()) {
            throw cancelled();
        }
        try {
            if (pause == null) {
                cancellation.awaitCancel(interval);
            } else {
                pause.pause(interval);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        }
        if (cancellation.isCancelled()) {
            throw cancelled();
        }
    }

    private static SignInCancelledException cancelled() {
        return new SignInCancelledException("the sign-in was cancelled");
    }

    private static SignInExpiredException expired(DeviceAuthorization device) {
        return new SignInExpiredException("the sign-in code expired before it was approved (it was valid for "
                + device.lifetime().toMinutes() + " min " + device.lifetime().toSecondsPart()
                + " s); start the sign-in again and approve it in the browser sooner");
    }
}
