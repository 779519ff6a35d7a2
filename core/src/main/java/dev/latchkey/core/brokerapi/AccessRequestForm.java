package dev.latchkey.core.brokerapi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person fills in to ask for access; sent by {@link BrokerClient#requestAccess} and tried
 * out by {@link BrokerClient#dryRun}.
 *
 * @param scope {@code team/env}, such as {@code payments/prod}
 * @param secrets the secrets wanted; empty asks for the whole scope
 * @param justification why, such as a ticket ({@code PAY-123: rotate the webhook key})
 * @param duration how long the access should last
 * @param startAt when it should start; empty means as soon as it is approved
 */
public record AccessRequestForm(String scope, List<String> secrets, String justification, Duration duration,
                                Optional<Instant> startAt) {

    public AccessRequestForm {
        Objects.requireNonNull(scope, "scope");
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(startAt, "startAt");
    }

    /** A request for the whole scope, starting on approval. */
    public static AccessRequestForm of(String scope, Duration duration, String justification) {
        return new AccessRequestForm(scope, List.of(), justification, duration, Optional.empty());
    }
}
