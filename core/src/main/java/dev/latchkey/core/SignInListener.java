package dev.latchkey.core;

import dev.latchkey.core.auth.DeviceCodePrompt;
import dev.latchkey.core.auth.User;

/** What a surface shows while {@link Session#signIn} runs. Called on the signing-in thread. */
public interface SignInListener {

    /** Show the code and the link (a QR code, an "open browser" button); polling starts after this returns. */
    void showCode(DeviceCodePrompt prompt);

    /** The sign-in succeeded and is stored. */
    default void signedIn(User user) {
    }
}
