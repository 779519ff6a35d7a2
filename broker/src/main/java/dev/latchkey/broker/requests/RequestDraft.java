package dev.latchkey.broker.requests;

import java.util.List;
import java.util.Optional;

/**
 * A request as the requester wrote it, not yet checked: every field may be missing or wrong, and
 * {@link RequestAssessor} says which.
 *
 * @param scope {@code team/env}
 * @param secrets names within the scope; null or empty for the whole scope
 * @param justification why
 * @param duration ISO-8601 ({@code PT1H}) or short ({@code 90m}, {@code 1h30m})
 * @param startAt an ISO-8601 instant, or null for "on approval"
 * @param extendsGrant the grant an extension continues
 */
public record RequestDraft(String scope, List<String> secrets, String justification, String duration, String startAt,
        Optional<String> extendsGrant) {

    /** A new request (not an extension). */
    public RequestDraft(String scope, List<String> secrets, String justification, String duration, String startAt) {
        this(scope, secrets, justification, duration, startAt, Optional.empty());
    }
}
