package dev.latchkey.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.MemoryClipboard;
import dev.latchkey.app.common.QueuedTaskRunner;
import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.brokerapi.Scope;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.testsupport.broker.BrokerProcess;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browser's view model against a real development broker, signed in as ada over HTTP. */
class SecretsBrowserViewModelTest {

    private static BrokerProcess broker;
    private static String adaToken;

    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-29T10:00:00Z"));
    private final MemoryClipboard clipboard = new MemoryClipboard();
    private List<SecretRef> valuesAskedFor = List.of();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = DevBroker.start();
        adaToken = DevSignIn.accessToken(broker.url(), "ada");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** The real backend, recording which values were asked for. */
    private SecretsBrowserViewModel model(URI url) {
        BrowserBackend real = BrowserBackend.over(Latchkey.brokerClient(url, () -> adaToken));
        RecordingBackend recording = new RecordingBackend(real);
        valuesAskedFor = recording.valuesAskedFor();
        SecretsBrowserViewModel model = new SecretsBrowserViewModel(new SameThreadTaskRunner(), scheduler, recording, clipboard);
        model.load();
        return model;
    }

    private static SecretRow row(SecretsBrowserViewModel model, String ref) {
        model.filterProperty().set(ref.substring(SecretRef.PREFIX.length()));
        return model.rows().stream().filter(r -> r.ref().toString().equals(ref)).findFirst().orElseThrow();
    }

    @Test
    void loadsTheScopesAdaCanSeeAndStartsOnHerStandingOne() {
        SecretsBrowserViewModel model = model(broker.url());
        assertThat(model.loadProperty().get()).isInstanceOf(SecretsBrowserViewModel.Load.Loaded.class);
        assertThat(model.scopes()).extracting(Scope::name).contains("payments/dev", "payments/staging", "payments/prod");
        assertThat(model.scope("payments/dev")).map(Scope::access).contains(Scope.Access.STANDING);
        assertThat(model.scope("payments/prod")).map(Scope::access).contains(Scope.Access.REQUESTABLE);
        assertThat(model.selectedScopeProperty().get().name()).isEqualTo("payments/dev");
        assertThat(model.rows()).extracting(r -> r.meta().name())
                .containsExactlyInAnyOrder("db-url", "stripe-api-key", "webhook-signing-secret", "redis-url");
    }

    @Test
    void theFilterSearchesEveryVisibleScope() {
        SecretsBrowserViewModel model = model(broker.url());
        model.filterProperty().set("STRIPE");
        assertThat(model.rows()).extracting(r -> r.scope().name())
                .contains("payments/dev", "payments/staging", "payments/prod");
        model.filterProperty().set("stripe-api-keyz");
        assertThat(model.rows()).isEmpty();
        model.filterProperty().set("stripe-api-key"); // a deleted character widens the search again
        assertThat(model.rows()).hasSize(3);
        model.filterProperty().set("");
        assertThat(model.rows()).allMatch(r -> r.scope().name().equals("payments/dev"));
    }

    @Test
    void aRevealedValueHidesAfterTenSeconds() {
        SecretsBrowserViewModel model = model(broker.url());
        model.reveal(row(model, "latchkey://payments/dev/db-url"));
        assertThat(model.revealedValueProperty().get()).startsWith("postgresql://");
        scheduler.advance(Duration.ofMillis(9_999));
        assertThat(model.revealedValueProperty().get()).isNotEmpty();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(model.revealedValueProperty().get()).isEmpty();
        assertThat(model.revealedRowProperty().get()).isNull();
    }

    @Test
    void aRevealedValueHidesWhenAnotherSecretIsSelected() {
        SecretsBrowserViewModel model = model(broker.url());
        SecretRow dbUrl = row(model, "latchkey://payments/dev/db-url");
        model.selectedRowProperty().set(dbUrl);
        model.reveal(dbUrl);
        assertThat(model.revealedValueProperty().get()).startsWith("postgresql://");
        model.selectedRowProperty().set(row(model, "latchkey://payments/dev/redis-url"));
        assertThat(model.revealedValueProperty().get()).isEmpty();
        assertThat(model.revealedRowProperty().get()).isNull();
    }

    @Test
    void valuesOfScopesWithoutAccessAreNeverAskedFor() {
        SecretsBrowserViewModel model = model(broker.url());
        SecretRow prod = row(model, "latchkey://payments/prod/db-url");
        model.reveal(prod);
        model.copyValue(prod);
        assertThat(valuesAskedFor).isEmpty();
        assertThat(model.revealedValueProperty().get()).isEmpty();
        assertThat(clipboard.text()).isEmpty();
        assertThat(model.messageProperty().get()).contains("no access to payments/prod").contains("Request access");
    }

    @Test
    void aCopiedValueLeavesTheClipboardAfterThirtySeconds() {
        SecretsBrowserViewModel model = model(broker.url());
        model.copyValue(row(model, "latchkey://payments/dev/stripe-api-key"));
        assertThat(clipboard.text()).hasValueSatisfying(v -> assertThat(v).startsWith("sk_test_"));
        assertThat(model.messageProperty().get()).doesNotContain(clipboard.text().orElseThrow())
                .contains("cleared in 30 s");
        scheduler.advance(Duration.ofSeconds(29));
        assertThat(clipboard.text()).isPresent();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(clipboard.text()).isEmpty();
    }

    @Test
    void somethingTheUserCopiedSinceIsLeftAlone() {
        SecretsBrowserViewModel model = model(broker.url());
        model.copyValue(row(model, "latchkey://payments/dev/stripe-api-key"));
        clipboard.put("the user's own text");
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(clipboard.text()).contains("the user's own text");
    }

    @Test
    void copyingAReferenceCopiesNoValue() {
        SecretsBrowserViewModel model = model(broker.url());
        model.copyReference(row(model, "latchkey://payments/prod/stripe-api-key"));
        assertThat(clipboard.text()).contains("latchkey://payments/prod/stripe-api-key");
        assertThat(valuesAskedFor).isEmpty();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aBrokerThatIsGoneFailsInPlaceWithWhatToDo() {
        SecretsBrowserViewModel model = model(URI.create("http://127.0.0.1:1"));
        assertThat(model.loadProperty().get()).isInstanceOfSatisfying(SecretsBrowserViewModel.Load.Failed.class,
                f -> assertThat(f.why()).startsWith("Cannot reach the broker at http://127.0.0.1:1").contains("Retry")
                        .doesNotContain(adaToken));
    }

    /** A model whose background work waits until the test finishes it, to see it while it loads. */
    private SecretsBrowserViewModel loading(URI url, QueuedTaskRunner tasks) {
        SecretsBrowserViewModel model = new SecretsBrowserViewModel(tasks, scheduler,
                BrowserBackend.over(Latchkey.brokerClient(url, () -> adaToken)), clipboard);
        model.load();
        return model;
    }

    @Test
    void whileLoadingTheTableSaysLoadingNeverNoSecrets() {
        QueuedTaskRunner tasks = new QueuedTaskRunner();
        SecretsBrowserViewModel model = loading(broker.url(), tasks);
        assertThat(LoadStates.placeholderText(model)).isEqualTo("Loading secrets …");
        model.filterProperty().set("stripe");
        assertThat(LoadStates.placeholderText(model)).as("a filter typed while loading is no empty result")
                .isEqualTo("Loading secrets …");
        while (tasks.waiting() > 0) {
            tasks.finish(0);
        }
        model.filterProperty().set("no-such-secret-anywhere");
        assertThat(model.rows()).isEmpty();
        assertThat(LoadStates.placeholderText(model)).isEqualTo("No secret matches \u201cno-such-secret-anywhere\u201d.");
    }

    @Test
    void aFailedLoadSaysSoNotEmpty() {
        QueuedTaskRunner tasks = new QueuedTaskRunner();
        SecretsBrowserViewModel model = loading(URI.create("http://127.0.0.1:1"), tasks);
        while (tasks.waiting() > 0) {
            tasks.finish(0);
        }
        assertThat(LoadStates.placeholderText(model)).isEqualTo("Secrets could not be loaded. See the message on the left.");
    }
}
