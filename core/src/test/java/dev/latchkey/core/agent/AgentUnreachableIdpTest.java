package dev.latchkey.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.latchkey.core.Session;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import dev.latchkey.core.internal.auth.TokenSet;
import dev.latchkey.core.internal.session.SessionVault;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose token is due and whose IdP cannot be reached tells its clients that the network
 * failed, not that nobody is signed in: signing in again would not help, and the hint must not say to.
 */
class AgentUnreachableIdpTest {

    @TempDir
    Path dir;

    @Test
    void aRefreshThatCannotReachTheIdpIsABrokerFailureNotASignOut() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // nothing listens here once it is closed
        }
        URI broker = URI.create("http://127.0.0.1:" + closed);
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        Session session = Session.builder(broker).credentialStore(store)
                .lockDirectory(dir).callTimeout(Duration.ofSeconds(2)).build();
        User ada = new User("ada-1", "Ada", "ada@example.com", List.of());
        // Due: less than the refresh margin left, so the first call refreshes.
        new SessionVault(store, broker, Clock.systemUTC()).saveSignIn(ada, new TokenSet("at", Clock.systemUTC().instant().plusSeconds(5),
                Optional.of("rt"), Optional.of(ada)));
        AgentPaths paths = new AgentPaths(dir.resolve("run").resolve(AgentPaths.SOCKET));
        try (AgentServer server = AgentServer.start(paths, new AgentService(session, Clock.systemUTC()), line -> { })) {
            AgentCalls calls = new AgentCalls(AgentClient.probe(server.paths(), Duration.ofSeconds(5)).orElseThrow());
            Throwable failure = catchThrowable(() -> calls.accessToken(broker));
            assertThat(failure).isInstanceOf(BrokerUnreachableException.class)
                    .hasMessageStartingWith("cannot reach the broker's sign-in settings at " + broker)
                    .hasMessageContaining("connection refused");
        }
    }
}
