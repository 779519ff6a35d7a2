package dev.latchkey.app.access;

import dev.latchkey.core.brokerapi.AccessRequestForm;
import dev.latchkey.grammar.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The request form's fields as typed, at one moment. Kept apart from the view model because reading
 * them is pure: the same text and clock give the same form and the same problems, whichever field
 * changed, and the view model keeps only the when (debounce, dry runs, submit).
 *
 * @param secrets the secrets asked for; empty means the whole scope
 * @param maximum the longest duration the policy allows for the scope, if known
 */
record RequestDraft(String scope, List<String> secrets, String duration, boolean startLater, String startAt,
                    String justification, Optional<Duration> maximum) {

    RequestDraft {
        secrets = List.copyOf(secrets);
    }

    /** What the form itself can tell is wrong, before asking the broker. */
    List<String> problems(Clock clock) {
        List<String> out = new ArrayList<>();
        Optional<Duration> d = Durations.tryParse(duration);
        if (d.isEmpty()) {
            out.add("Duration: write it like 30m, 1h or 1h30m.");
        } else if (maximum.isPresent() && d.get().compareTo(maximum.get()) > 0) {
            out.add("Duration: " + scope + " allows at most " + Durations.format(maximum.get()) + ".");
        }
        if (startLater && start(clock).isEmpty()) {
            out.add("Start: write a time such as 14:30, or an offset such as +2h.");
        }
        return out;
    }

    /** The form as the broker reads it; empty when the duration or start cannot be read. */
    Optional<AccessRequestForm> form(Clock clock) {
        Optional<Duration> d = Durations.tryParse(duration);
        if (d.isEmpty() || (startLater && start(clock).isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new AccessRequestForm(scope, secrets, justification.strip(), d.get(), start(clock)));
    }

    private Optional<Instant> start(Clock clock) {
        return startLater ? StartText.start(startAt, clock.instant(), clock.getZone()) : Optional.empty();
    }
}
