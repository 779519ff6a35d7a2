package dev.latchkey.cli.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.common.Json;
import dev.latchkey.cli.common.Table;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code grants}, {@code requests} and {@code sandboxes} print exactly the layout their format strings gave. */
class ListFormatsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-12-01T11:30:00.500Z");
    private static final String N = System.lineSeparator();

    private static String print(Table<?> table, boolean json) {
        StringWriter text = new StringWriter();
        table.print(json, new PrintWriter(text));
        return text.toString();
    }

    private static Grant grant(String id, Grant.State state, List<String> secrets) {
        return new Grant(id, "r_1", "ada", "payments/prod", secrets, Optional.empty(), LATER, state,
                Optional.empty(), Optional.empty());
    }

    private static AccessRequest request(String id, String requesterName, AccessRequest.State state, Optional<String> decidedBy) {
        return new AccessRequest(id, "ada", requesterName, "payments/prod", List.of("db-url"), "PAY-123 hotfix",
                Duration.ofHours(1), Optional.empty(), NOW, state, Optional.empty(), List.of("payments-leads"),
                decidedBy, decidedBy.map(d -> NOW), decidedBy.map(d -> "ok"), Optional.empty(), Optional.empty());
    }

    @Test
    void grants() {
        List<Grant> grants = List.of(grant("g_1", Grant.State.ACTIVE, List.of()),
                grant("g_0123456789", Grant.State.ENDED, List.of("db-url", "api-key")));
        String row = "%-12s  %-9s  %-24s  %s%n";
        assertThat(print(GrantCommands.Grants.table(grants, true, NOW), false)).isEqualTo(
                String.format(row, "ID", "STATE", "SCOPE", "WHEN")
                        + String.format(row, "g_1", "active", "payments/prod", "until 2026-12-01T11:30:00Z, 1h30m left")
                        + String.format(row, "g_0123456789", "ended", "payments/prod [db-url, api-key]",
                        "ended at 2026-12-01T11:30:00Z"));
        assertThat(print(GrantCommands.Grants.table(List.of(), false, NOW), false))
                .isEqualTo("You hold no grants now; ask with: latchkey request SCOPE --duration D --reason TEXT" + N);
        assertThat(print(GrantCommands.Grants.table(List.of(), true, NOW), false)).isEqualTo("You hold no grants." + N);
        assertThat(print(GrantCommands.Grants.table(grants, true, NOW), true))
                .isEqualTo(Json.pretty(Json.array().add(Views.json(grants.get(0))).add(Views.json(grants.get(1)))) + N);
    }

    @Test
    void requestsOfMineAndToReview() {
        List<AccessRequest> requests = List.of(request("r_1", "Ada Lovelace", AccessRequest.State.PENDING, Optional.empty()),
                request("r_22", "ada", AccessRequest.State.APPROVED, Optional.of("policy:auto")));
        String row = "%-4s  %-9s  %-20s  %-7s  %-18s  %-20s  %s%n";
        String heading = String.format(row, "ID", "STATE", "SCOPE", "FOR", "REQUESTER", "CREATED", "DECIDED");
        assertThat(print(RequestsCommand.table(requests, false), false)).isEqualTo(heading
                + String.format(row, "r_1", "pending", "payments/prod [db-url]", "1h", "Ada Lovelace (ada)",
                "2026-12-01T10:00:00Z", "waiting for payments-leads")
                + String.format(row, "r_22", "approved", "payments/prod [db-url]", "1h", "ada",
                "2026-12-01T10:00:00Z", "by policy rule auto: ok"));
        assertThat(print(RequestsCommand.table(requests.subList(1, 2), true), false)).isEqualTo(
                String.format("%-4s  %-9s  %-20s  %-7s  %-9s  %-20s  %s%n", "ID", "STATE", "SCOPE", "FOR", "REQUESTER",
                        "CREATED", "JUSTIFICATION")
                        + String.format("%-4s  %-9s  %-20s  %-7s  %-9s  %-20s  %s%n", "r_22", "approved",
                        "payments/prod [db-url]", "1h", "ada", "2026-12-01T10:00:00Z", "PAY-123 hotfix")
                        + "Decide with: latchkey approve ID [--reason TEXT]   or   latchkey deny ID --reason TEXT" + N);
        assertThat(print(RequestsCommand.table(List.of(), true), false)).isEqualTo("Nothing waits for your review." + N);
        assertThat(print(RequestsCommand.table(List.of(), false), false)).isEqualTo("You have made no access requests." + N);
        assertThat(print(RequestsCommand.table(List.of(), false), true)).isEqualTo("[ ]" + N);
    }

    @Test
    void sandboxes() {
        List<Sandbox> sandboxes = List.of(
                new Sandbox("stripe-test", "payments/dev", "stripe", Duration.ofMinutes(15), true, Optional.of(LATER)),
                new Sandbox("ledger", "payments/prod", "ledger", Duration.ofHours(1), false, Optional.empty()),
                new Sandbox("mail", "payments/dev", "mail", Duration.ofHours(2), true, Optional.empty()));
        String row = "%-20s  %-20s  %-7s  %s%n";
        assertThat(print(GrantCommands.Sandboxes.table(sandboxes), false)).isEqualTo(
                String.format(row, "SANDBOX", "SCOPE", "MAX TTL", "YOU")
                        + String.format(row, "stripe-test", "payments/dev", "15m", "may mint until 2026-12-01T11:30:00Z")
                        + String.format(row, "ledger", "payments/prod", "1h", "may not mint now (latchkey request payments/prod)")
                        + String.format(row, "mail", "payments/dev", "2h", "may mint"));
        assertThat(print(GrantCommands.Sandboxes.table(List.of()), false))
                .isEqualTo(String.format(row, "SANDBOX", "SCOPE", "MAX TTL", "YOU"));
    }
}
