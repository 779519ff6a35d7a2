package dev.latchkey.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.MemoryClipboard;
import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.app.common.TwoGrants;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.SecretRef;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reveal and Copy value follow the grant that covers each secret, on a test clock shared with a
 * real broker: with 30 minutes on stripe-api-key and 6 on db-url in payments/prod, db-url turns
 * unreadable at 6 minutes while stripe-api-key stays, and the secret nobody granted never is.
 */
class PerGrantAccessTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private final ManualScheduler scheduler = new ManualScheduler(T0);
    private final MemoryClipboard clipboard = new MemoryClipboard();
    private List<SecretRef> valuesAskedFor = List.of();
    private TwoGrants org;
    private SecretsBrowserViewModel model;

    @BeforeEach
    void twoGrants() throws Exception {
        org = TwoGrants.start(scheduler);
        BrowserBackend real = BrowserBackend.over(Latchkey.brokerClient(org.broker.url(), () -> org.adaToken));
        RecordingBackend recording = new RecordingBackend(real);
        valuesAskedFor = recording.valuesAskedFor();
        model = new SecretsBrowserViewModel(new SameThreadTaskRunner(), scheduler, recording, clipboard);
        model.load();
    }

    @AfterEach
    void stop() {
        org.close();
    }

    private SecretRow select(String name) {
        model.selectedScopeProperty().set(model.scope("payments/prod").orElseThrow());
        SecretRow row = model.rows().stream().filter(r -> r.meta().name().equals(name)).findFirst().orElseThrow();
        model.selectedRowProperty().set(row);
        return row;
    }

    private boolean revealEnabled() {
        return model.selectedAccessProperty().get() != null && model.selectedAccessProperty().get().readable();
    }

    @Test
    void eachSecretIsReadableExactlyWhileAGrantCoversIt() {
        assertThat(model.grants()).extracting(Grant::id).containsExactlyInAnyOrder(org.stripeGrant, org.dbGrant);
        assertThat(model.access(select("db-url")).text(ZoneOffset.UTC)).isEqualTo("granted until 10:06");
        assertThat(revealEnabled()).isTrue();
        assertThat(model.access(select("stripe-api-key")).text(ZoneOffset.UTC)).isEqualTo("granted until 10:30");
        assertThat(revealEnabled()).isTrue();
        SecretRow pager = select("pagerduty-routing-key");
        assertThat(model.access(pager)).isInstanceOf(SecretAccess.NotCovered.class);
        assertThat(revealEnabled()).as("the scope is granted, this secret is not").isFalse();
        model.reveal(pager);
        model.copyValue(pager);
        assertThat(valuesAskedFor).isEmpty();
        assertThat(model.messageProperty().get())
                .isEqualTo("Your grant for payments/prod does not cover pagerduty-routing-key. "
                        + "Request access to it to read its value.");
        assertThat(AccessBadge.text(model.scope("payments/prod").orElseThrow(), model.grants(), model.now(), ZoneOffset.UTC))
                .isEqualTo("2 secrets granted");

        model.reveal(select("db-url"));
        assertThat(model.revealedValueProperty().get()).startsWith("postgresql://");
        model.hide();

        scheduler.advance(TwoGrants.DB_FOR.minusSeconds(1));
        model.accessChanged();
        assertThat(revealEnabled()).as("one second before its end").isTrue();
        scheduler.advance(Duration.ofSeconds(1));
        model.accessChanged(); // the app calls this when the expiry clock reports the grant's end
        assertThat(revealEnabled()).as("db-url's grant has ended").isFalse();
        model.reveal(model.selectedRowProperty().get());
        assertThat(valuesAskedFor).containsExactly(SecretRef.parse("latchkey://payments/prod/db-url"));
        assertThat(select("stripe-api-key")).satisfies(r -> assertThat(model.access(r).readable()).isTrue());
        assertThat(revealEnabled()).isTrue();
        assertThat(AccessBadge.text(model.scope("payments/prod").orElseThrow(), model.grants(), model.now(), ZoneOffset.UTC))
                .isEqualTo("1 secret granted");

        model.refreshAccess(); // the broker agrees: its list has only stripe's grant now
        assertThat(model.grants()).extracting(Grant::id).containsExactly(org.stripeGrant);
        assertThat(model.access(select("db-url")).readable()).isFalse();
    }
}
