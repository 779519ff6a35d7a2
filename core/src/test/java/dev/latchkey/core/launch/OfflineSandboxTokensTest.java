package dev.latchkey.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.latchkey.testsupport.MutableClock;

/**
 * Sandbox tokens core keeps for offline launches ({@code Session.keepingSandboxTokens}), in the
 * real keychain (gnome-keyring under {@code .ci/with-keyring}) against a real dev broker that is
 * then stopped: a kept token starts a launch while the broker is down, marked offline with its
 * age, until it expires or the session ends; what cannot start says why.
 */
class OfflineSandboxTokensTest {

    @TempDir
    Path locks;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final OfflineFixture fixture = new OfflineFixture(clock, notices, () -> locks);

    @Test
    void aKeptTokenStartsALaunchOfflineAndSaysHowOldItIs() throws Exception {
        OfflineFixture.Kept kept = fixture.keptWhileOnline();
        // The broker (and with it the dev IdP) is gone, and the access token has expired meanwhile:
        // its renewal cannot reach the IdP either, which is offline too.
        clock.advance(Duration.ofMinutes(6));
        Resolution.Granted offline = OfflineFixture.granted(kept.source().resolve(Set.of(), Map.of("T", OfflineFixture.PAYMENTS_10M)));
        SandboxToken given = offline.sandboxTokens().get("T");
        assertThat(given.token()).isEqualTo(kept.token().token());
        assertThat(given.expiresAt()).isEqualTo(kept.token().expiresAt());
        OfflineStart start = offline.offline().orElseThrow();
        assertThat(start.validUntil()).isEqualTo(kept.token().expiresAt());
        // Asked for 10 minutes, it has 4 left: the launch gets what is left, and says why not more.
        assertThat(start.inWords()).startsWith("T (payments-sandbox, minted 6m ago, valid ")
                .endsWith(" more; less than the 10m asked for: the broker, which could mint a new one, is unreachable)");
        assertThat(start.brokerProblem()).isNotBlank();

        // Asked for less than it has left: the launch treats it as ending then, and says so.
        Resolution.Granted shorter = OfflineFixture.granted(kept.source().resolve(Set.of(),
                Map.of("T", new SandboxRequest("payments-sandbox", Duration.ofMinutes(2)))));
        assertThat(shorter.sandboxTokens().get("T").token()).isEqualTo(kept.token().token());
        assertThat(shorter.sandboxTokens().get("T").expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        assertThat(shorter.offline().orElseThrow().validUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        assertThat(shorter.offline().orElseThrow().inWords()).contains("you asked for 2m: a kept token cannot be shortened",
                "this launch treats it as ending in 2m");
        assertThat(notices).isEmpty();
        kept.session().signOut();
    }

    @Test
    void whatCannotStartOfflineSaysWhy() throws Exception {
        OfflineFixture.Kept kept = fixture.keptWhileOnline();
        SecretSource source = kept.source();
        assertThatThrownBy(() -> source.resolve(Set.of(SecretRef.parse("latchkey://payments/dev/db-url")),
                Map.of("T", OfflineFixture.PAYMENTS_10M))).isInstanceOf(BrokerUnreachableException.class)
                .hasMessageContaining("secret values are never kept on this machine");
        assertThatThrownBy(() -> source.resolve(Set.of(), Map.of("T", new SandboxRequest("staging-sandbox", Duration.ofMinutes(5)))))
                .isInstanceOf(BrokerUnreachableException.class)
                .hasMessageContaining("no valid sandbox token is kept on this machine for staging-sandbox");

        // Once it has expired, the kept token is gone from the keychain.
        clock.advance(Duration.between(clock.instant(), kept.token().expiresAt()).plusSeconds(1));
        assertThatThrownBy(() -> source.resolve(Set.of(), Map.of("T", OfflineFixture.PAYMENTS_10M)))
                .isInstanceOf(BrokerUnreachableException.class)
                .hasMessageContaining("no valid sandbox token is kept on this machine for payments-sandbox");
        kept.session().signOut();
    }

    @Test
    void signingOutTakesTheKeptTokensWithTheSession() throws Exception {
        OfflineFixture.Kept kept = fixture.keptWhileOnline();
        kept.session().signOut();
        assertThatThrownBy(() -> kept.source().resolve(Set.of(), Map.of("T", OfflineFixture.PAYMENTS_10M)))
                .isInstanceOf(NotSignedInException.class).hasMessageContaining("sign in first");
    }

}
