package dev.latchkey.app.signin;

import dev.latchkey.core.auth.DeviceCodePrompt;
import dev.latchkey.core.auth.User;

/** Where signing in stands; each has its own screen. */
public sealed interface SignInState {

    /** Asking the IdP for a code. */
    record Starting() implements SignInState {
    }

    /** Waiting for the person to approve {@code prompt} in a browser. */
    record WaitingForApproval(DeviceCodePrompt prompt) implements SignInState {
    }

    /** Done. */
    record SignedIn(User user) implements SignInState {
    }

    /** It did not work: {@code why} says what happened and what to do; retry starts over. */
    record Failed(Reason reason, String why) implements SignInState {
    }

    /** Why signing in stopped. */
    enum Reason { DENIED, EXPIRED, UNREACHABLE, CANCELLED, OTHER }
}
