package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.app.common.QueuedTaskRunner;
import dev.latchkey.core.Session;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session opened ahead, beside the broker's check, is the one the connection then gets; never two. */
class SessionOpenerTest {

    private static final URI DEMO = URI.create("http://127.0.0.1:41001");
    private static final URI OTHER = URI.create("http://127.0.0.1:41002");

    @TempDir
    Path locks;

    private final List<URI> opened = Collections.synchronizedList(new ArrayList<>());
    private final QueuedTaskRunner tasks = new QueuedTaskRunner();

    private final Function<URI, Session> sessions = url -> {
        opened.add(url);
        return Session.builder(url).credentialStore(new InMemoryCredentialStore("a test")).lockDirectory(locks).build();
    };

    @Test
    void theSessionOpenedAheadIsTheOneTheConnectionGets() throws Exception {
        SessionOpener opener = new SessionOpener(tasks, sessions);
        opener.openAhead(DEMO);
        assertThat(opened).as("opened in the background, not on the caller's thread").isEmpty();
        // The connection asks while the ahead open is still under way: it waits for that one.
        CompletableFuture<SessionOpener.Opened> asked = CompletableFuture.supplyAsync(() -> {
            try {
                return opener.open(DEMO);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(Duration.ofMillis(200));
        assertThat(asked).isNotDone();
        tasks.finish(0);
        SessionOpener.Opened got = asked.get(10, TimeUnit.SECONDS);
        assertThat(got.user()).as("nobody signed in to a new in-memory session").isEmpty();
        assertThat(opened).containsExactly(DEMO);
        // Taken once: the next connection to the same broker opens its own.
        opener.open(DEMO);
        assertThat(opened).containsExactly(DEMO, DEMO);
    }

    @Test
    void aConnectionToAnotherBrokerOpensItsOwnSession() throws Exception {
        SessionOpener opener = new SessionOpener(tasks, sessions);
        opener.openAhead(DEMO);
        tasks.finish(0);
        opener.open(OTHER);
        assertThat(opened).containsExactly(DEMO, OTHER);
        assertThat(tasks.waiting()).isZero();
    }

    @Test
    void whatFailedAheadFailsTheConnectionWithItsOwnError() {
        SessionOpener opener = new SessionOpener(tasks, url -> {
            throw new IllegalStateException("the keychain is locked");
        });
        opener.openAhead(DEMO);
        tasks.finish(0);
        assertThatThrownBy(() -> opener.open(DEMO)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the keychain is locked");
    }

    @Test
    void withoutAnAheadOpenTheConnectionOpensNow() throws Exception {
        SessionOpener opener = new SessionOpener(tasks, sessions);
        assertThat(opener.open(DEMO).user()).isEmpty();
        assertThat(opened).containsExactly(DEMO);
        opener.close();
    }
}
