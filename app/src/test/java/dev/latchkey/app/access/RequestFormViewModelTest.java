package dev.latchkey.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.ManualScheduler;
import dev.latchkey.app.common.QueuedTaskRunner;
import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.AccessRequestForm;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.DryRun;
import dev.latchkey.core.brokerapi.InvalidRequestException;
import dev.latchkey.grammar.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The request form's live dry run: debounced, its answer worded for people, late answers to older
 * forms dropped, and the broker's refusals shown in place. The broker here is a stand-in that
 * answers as the dev policy does; the real one drives the TestFX test.
 */
class RequestFormViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private final ManualScheduler scheduler = new ManualScheduler(NOW);
    private final List<AccessRequestForm> asked = new ArrayList<>();
    private final List<AccessRequest> filed = new ArrayList<>();

    /** Answers dry runs as the dev policy would: staging auto-approves up to 4h, prod needs payments-leads, max 1h. */
    private final AccessBackend policy = new Stand(f -> {
        boolean prod = f.scope().equals("payments/prod");
        List<DryRun.Problem> problems = new ArrayList<>();
        if (prod && f.justification().length() < 10) {
            problems.add(new DryRun.Problem("justification", "payments/prod wants at least 10 characters"));
        }
        return new DryRun(f.scope(), !prod && f.duration().compareTo(Duration.ofHours(4)) <= 0
                ? DryRun.Outcome.AUTO_APPROVED : DryRun.Outcome.NEEDS_APPROVAL,
                prod ? Optional.empty() : Optional.of("staging-short"), List.of("payments-leads"),
                Optional.of(prod ? Duration.ofHours(1) : Duration.ofHours(8)),
                prod ? Optional.empty() : Optional.of(Duration.ofHours(4)),
                prod ? List.of("justification") : List.of(), problems);
    });

    private final class Stand implements AccessBackend {
        private final Function<AccessRequestForm, DryRun> answer;

        Stand(Function<AccessRequestForm, DryRun> answer) {
            this.answer = answer;
        }

        @Override
        public DryRun dryRun(AccessRequestForm form) {
            asked.add(form);
            return answer.apply(form);
        }

        @Override
        public AccessRequest submit(AccessRequestForm form) throws BrokerException {
            throw new InvalidRequestException(InvalidRequestException.Kind.POLICY_LIMIT, "duration",
                    "payments/prod allows at most 1h; you asked for " + Durations.format(form.duration()));
        }

        @Override
        public List<AccessRequest> mine() {
            return List.of();
        }

        @Override
        public List<AccessRequest> toReview() {
            return List.of();
        }

        @Override
        public AccessRequest cancel(String requestId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AccessRequest approve(String requestId, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AccessRequest deny(String requestId, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AccessRequest extend(String grantId, Duration duration, String justification) {
            throw new UnsupportedOperationException();
        }
    }

    private RequestFormViewModel form(TaskRunner tasks) {
        return new RequestFormViewModel(tasks, scheduler, policy,
                Map.of("payments/staging", Optional.of(Duration.ofHours(8)), "payments/prod", Optional.of(Duration.ofHours(1))),
                scope -> List.of("db-url", "stripe-api-key"), filed::add);
    }

    @Test
    void typingSendsOneDryRunOnceTheFormRests() {
        RequestFormViewModel form = form(new SameThreadTaskRunner());
        form.preselect("payments/staging");
        for (String s : List.of("P", "PA", "PAY-1", "PAY-12 webhook")) {
            form.justificationProperty().set(s);
            scheduler.advance(Duration.ofMillis(100));
        }
        assertThat(asked).isEmpty();
        assertThat(form.checkingProperty().get()).isTrue();
        scheduler.advance(RequestFormViewModel.DEBOUNCE);
        assertThat(asked).singleElement().satisfies(f -> {
            assertThat(f.justification()).isEqualTo("PAY-12 webhook");
            assertThat(f.duration()).isEqualTo(Duration.ofHours(1));
            assertThat(f.secrets()).isEmpty();
            assertThat(f.startAt()).isEmpty();
        });
        assertThat(form.outcomeProperty().get()).isEqualTo("Auto-approved by staging-short: access starts as soon as you submit.");
        assertThat(form.limitsProperty().get()).isEqualTo("Maximum allowed: 8h.");
        assertThat(form.problemsProperty().get()).isEmpty();
        assertThat(form.submittableProperty().get()).isTrue();
    }

    @Test
    void eachProblemShowsNextToItsFieldOnceTheFieldIsLeftOrOnSubmit() {
        RequestFormViewModel form = form(new SameThreadTaskRunner());
        form.preselect("payments/prod");
        form.durationProperty().set("4h");
        scheduler.advance(RequestFormViewModel.DEBOUNCE);
        assertThat(form.problemProperty("duration").get()).as("not while typing").isEmpty();
        form.touch("duration");
        assertThat(form.problemProperty("duration").get()).isEqualTo("payments/prod allows at most 1h.");
        assertThat(form.problemProperty("justification").get()).isEmpty();

        form.submit();
        assertThat(filed).isEmpty();
        assertThat(form.problemProperty("justification").get())
                .isEqualTo("Required for this scope. payments/prod wants at least 10 characters.");
        form.durationProperty().set("30m");
        form.justificationProperty().set("PAY-124 hotfix for the refund bug");
        scheduler.advance(RequestFormViewModel.DEBOUNCE);
        assertThat(form.problemProperty("duration").get()).isEmpty();
        assertThat(form.problemProperty("justification").get()).isEmpty();
    }

    @Test
    void aRequestOverTheLimitSaysTheLimitNotThatTheScopeIsClosed() {
        RequestFormViewModel form = new RequestFormViewModel(new SameThreadTaskRunner(), scheduler, new Stand(f ->
                new DryRun(f.scope(), DryRun.Outcome.NOT_ALLOWED, Optional.empty(), List.of("payments-leads"),
                        Optional.of(Duration.ofHours(1)), Optional.empty(), List.of(),
                        List.of(new DryRun.Problem("duration", "payments/prod allows at most 1h; you asked for 2h")))),
                Map.of("payments/prod", Optional.empty()), scope -> List.of(), filed::add);
        form.preselect("payments/prod");
        form.durationProperty().set("2h");
        scheduler.advance(RequestFormViewModel.DEBOUNCE);
        assertThat(form.outcomeProperty().get()).isEqualTo("Not allowed as asked: payments/prod allows at most 1h; you asked for 2h.");
        assertThat(form.submittableProperty().get()).isFalse();
    }

    @Test
    void prodSaysWhoApprovesItsMaximumAndWhatIsMissing() {
        RequestFormViewModel form = form(new SameThreadTaskRunner());
        form.preselect("payments/prod");
        assertThat(form.presets()).extracting(Durations::format).containsExactly("15m", "30m", "1h");
        form.durationProperty().set("4h");
        scheduler.advance(RequestFormViewModel.DEBOUNCE);
        assertThat(form.outcomeProperty().get()).isEqualTo("Needs approval by payments-leads.");
        assertThat(form.limitsProperty().get()).isEqualTo("Maximum allowed: 1h.");
        assertThat(form.problemsProperty().get().lines()).containsExactly(
                "Duration: payments/prod allows at most 1h.", "Missing: justification.",
                "Justification: payments/prod wants at least 10 characters.");
        assertThat(form.submittableProperty().get()).isFalse();

        form.durationProperty().set("30m");
        form.justificationProperty().set("PAY-124 hotfix for the refund bug");
        form.chosenSecrets().add("db-url");
        form.startLaterProperty().set(true);
        form.startAtProperty().set("+2h");
        scheduler.advance(RequestFormViewModel.DEBOUNCE);
        assertThat(form.problemsProperty().get()).isEmpty();
        assertThat(form.submittableProperty().get()).isTrue();
        assertThat(asked.getLast().secrets()).containsExactly("db-url");
        assertThat(asked.getLast().startAt()).contains(scheduler.clock().instant().plus(Duration.ofHours(2)));
    }

    @Test
    void anAnswerToAnOlderFormIsDropped() {
        QueuedTaskRunner tasks = new QueuedTaskRunner();
        RequestFormViewModel form = form(tasks);
        form.preselect("payments/staging");
        scheduler.advance(RequestFormViewModel.DEBOUNCE);
        form.durationProperty().set("6h");
        scheduler.advance(RequestFormViewModel.DEBOUNCE);
        assertThat(tasks.waiting()).isEqualTo(2);
        tasks.finish(1); // the newer answer first
        assertThat(form.outcomeProperty().get()).startsWith("Needs approval by payments-leads (up to 4h would be approved at once)");
        tasks.finish(0); // then the stale one, which must not win
        assertThat(form.outcomeProperty().get()).startsWith("Needs approval by payments-leads");
    }

    @Test
    void theBrokersRefusalOfASubmitIsShownInPlace() {
        RequestFormViewModel form = form(new SameThreadTaskRunner());
        form.preselect("payments/prod");
        form.justificationProperty().set("PAY-124 hotfix for the refund bug");
        scheduler.advance(RequestFormViewModel.DEBOUNCE);
        form.submit();
        assertThat(filed).isEmpty();
        assertThat(form.messageProperty().get()).isEqualTo("The request was not filed: Payments/prod allows at most 1h; "
                + "you asked for 1h. Change the form and submit again.");
        assertThat(form.busyProperty().get()).isFalse();
    }

    @Test
    void aStartTimeIsAClockTimeOrAnOffset() {
        ZoneId utc = ZoneOffset.UTC;
        assertThat(StartText.start("+90m", NOW, utc)).contains(NOW.plus(Duration.ofMinutes(90)));
        assertThat(StartText.start("14:30", NOW, utc)).contains(Instant.parse("2026-11-29T14:30:00Z"));
        assertThat(StartText.start("09:00", NOW, utc)).as("already past today: tomorrow")
                .contains(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(StartText.start("soon", NOW, utc)).isEmpty();
        assertThat(Durations.tryParse("PT1H")).contains(Duration.ofHours(1));
        assertThat(Durations.tryParse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.tryParse("0m")).isEmpty();
    }
}
