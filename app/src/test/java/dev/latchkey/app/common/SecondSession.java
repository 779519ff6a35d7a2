package dev.latchkey.app.common;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Session;
import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;

/**
 * Another person at another machine: a core {@link Session} against the same broker, signed in
 * through the dev IdP's form by the test (as that person would in a browser).
 */
public final class SecondSession {

    private SecondSession() {
    }

    /** {@code user}'s broker client, after a real device-flow sign-in approved on the dev IdP form. */
    public static BrokerClient signIn(URI broker, String user) throws AuthException, IOException {
        return Latchkey.brokerClient(broker, session(broker, user).bearerToken());
    }

    /** {@code user}'s session (kept in memory), after a real device-flow sign-in approved on the dev IdP form. */
    public static Session session(URI broker, String user) throws AuthException, IOException {
        Session session = Session.builder(broker).credentialStore(new InMemoryCredentialStore("a test's second person"))
                .lockDirectory(Files.createTempDirectory("latchkey-second-session")).build();
        session.signIn(prompt -> {
            try {
                DevSignIn.approve(broker, prompt.userCode(), user);
            } catch (Exception e) {
                throw new IllegalStateException("the dev IdP refused " + user + "'s approval", e);
            }
        });
        return session;
    }
}
