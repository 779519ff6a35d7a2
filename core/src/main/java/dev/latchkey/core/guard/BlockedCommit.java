package dev.latchkey.core.guard;

import java.time.Instant;
import java.util.List;

/**
 * A commit or push the guard stopped: for the app's history. Names and places only, no value.
 *
 * @param at when
 * @param repository the repository's folder
 * @param hook {@code pre-commit} or {@code pre-push}
 * @param findings what stopped it
 */
public record BlockedCommit(Instant at, String repository, String hook, List<Finding> findings) {

    public BlockedCommit {
        findings = List.copyOf(findings);
    }
}
