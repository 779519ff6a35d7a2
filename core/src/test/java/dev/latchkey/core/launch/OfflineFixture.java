package dev.latchkey.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.broker.BrokerConfig;
import dev.latchkey.broker.LatchkeyBroker;
import dev.latchkey.broker.RunningBroker;
import dev.latchkey.core.Session;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.core.launch.profile.SandboxRequest;
import dev.latchkey.testsupport.RealParts;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import dev.latchkey.testsupport.MutableClock;

/**
 * A session signed in to a real dev broker over the real keychain, one sandbox token minted and
 * kept through {@link Session#keepingSandboxTokens}, the broker then stopped: offline.
 */
final class OfflineFixture {

    static final SandboxRequest PAYMENTS_10M = new SandboxRequest("payments-sandbox", Duration.ofMinutes(10));

    private final MutableClock clock;
    private final List<String> notices;
    private final Supplier<Path> locks;

    OfflineFixture(MutableClock clock, List<String> notices, Supplier<Path> locks) {
        this.clock = clock;
        this.notices = notices;
        this.locks = locks;
    }

    /** What was kept, and the source that keeps and serves it, with the broker gone. */
    record Kept(Session session, SecretSource source, SandboxToken token) {
    }

    Kept keptWhileOnline() throws Exception {
        CredentialStore keychain = realKeychain();
        Session session;
        SecretSource source;
        SandboxToken minted;
        // Access tokens live 5 minutes, so a test can outlast one while offline.
        try (RunningBroker broker = LatchkeyBroker.start(BrokerConfig.dev().withClock(clock)
                .withDevTokenTtl(Duration.ofMinutes(5)))) {
            session = signedIn(broker.url(), keychain);
            source = session.keepingSandboxTokens(new BrokerSecretSource(session.brokerClient()),
                    notices::add);
            Resolution.Granted online = granted(source.resolve(Set.of(), Map.of("T", PAYMENTS_10M)));
            assertThat(online.offline()).as("the broker answered").isEmpty();
            minted = online.sandboxTokens().get("T");
        }
        return new Kept(session, source, minted);
    }

    private Session signedIn(URI broker, CredentialStore keychain) throws Exception {
        // A local user of its own, so that the test's account never replaces a person's or another test's.
        Session session = Session.builder(broker).credentialStore(keychain).clock(clock).lockDirectory(locks.get())
                .localUser("offline-test-" + System.nanoTime()).pause(d -> clock.advance(d)).build();
        session.signIn(p -> DevSignIn.approve(broker, p.userCode(), "ada"));
        return session;
    }

    private static CredentialStore realKeychain() {
        CredentialStore keychain = KeychainProbe.open();
        if (keychain.mode() instanceof StorageMode.MemoryOnly m) {
            RealParts.missing("no keychain works here, and kept sandbox tokens live only in one: " + m.reason()
                    + " (run under .ci/with-keyring)");
        }
        return keychain;
    }

    static Resolution.Granted granted(Resolution r) {
        assertThat(r).isInstanceOf(Resolution.Granted.class);
        return (Resolution.Granted) r;
    }
}
