package dev.latchkey.app.signin;

import dev.latchkey.core.Session;
import dev.latchkey.core.SignInListener;
import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.User;

/** What the sign-in screen needs of core's session: the blocking device flow and a way to stop it. */
public interface SignInFlow {

    /** Blocks until approved, declined, expired or cancelled. */
    User signIn(SignInListener listener) throws AuthException;

    /** Stops a running {@link #signIn}; safe from any thread. */
    void cancel();

    static SignInFlow of(Session session) {
        return new SignInFlow() {
            @Override
            public User signIn(SignInListener listener) throws AuthException {
                return session.signIn(listener);
            }

            @Override
            public void cancel() {
                session.cancelSignIn();
            }
        };
    }
}
