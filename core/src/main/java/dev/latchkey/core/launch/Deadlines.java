package dev.latchkey.core.launch;

import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.expiry.Expiring;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a launch was given that ends, one item per grant and per sandbox token: a launch's countdown
 * and warnings come from exactly these, so two grants of different ends in one scope are two items.
 * Standing access ends never and gives none.
 */
public final class Deadlines {

    private Deadlines() {
    }

    /**
     * The items for what {@code granted} gave. A secret whose grant the broker named is watched as
     * that grant ({@link Expiring#grant}); one whose grant is not known, by its scope and end.
     * Labels name references and sandboxes, never a value.
     */
    public static List<Expiring> of(Resolution.Granted granted) {
        if (granted.secrets().isEmpty() && granted.sandboxTokens().isEmpty()) {
            // A launch without references: its comparators below would be generated at run time for nothing.
            return List.of();
        }
        Map<String, List<ResolvedSecret>> byGrant = new LinkedHashMap<>();
        granted.secrets().values().stream().filter(s -> s.accessEnds().isPresent())
                .sorted(Deadlines::byEndThenRef)
                .forEach(s -> byGrant.computeIfAbsent(s.grantId().orElse("")
                        + (s.grantId().isPresent() ? "" : s.ref().scope() + "@" + s.accessEnds().orElseThrow()),
                        k -> new ArrayList<>()).add(s));
        List<Expiring> list = new ArrayList<>();
        byGrant.values().forEach(secrets -> {
            ResolvedSecret first = secrets.getFirst();
            Instant end = first.accessEnds().orElseThrow();
            String label = "access to " + names(secrets);
            list.add(first.grantId().map(id -> Expiring.grant(id, label, end))
                    .orElseGet(() -> new Expiring(label + " until " + end, Expiring.Kind.GRANT, label, end)));
        });
        granted.sandboxTokens().forEach((var, t) -> list.add(token(var, t)));
        list.sort(Deadlines::byEndThenId);
        return List.copyOf(list);
    }

    // Comparators written out: Comparator.comparing and thenComparing make their lambdas at run time on
    // a launch's path, which the AOT cache cannot hold; a method reference of this class it can.
    private static int byEndThenRef(ResolvedSecret a, ResolvedSecret b) {
        int c = a.accessEnds().orElseThrow().compareTo(b.accessEnds().orElseThrow());
        return c != 0 ? c : a.ref().toString().compareTo(b.ref().toString());
    }

    private static int byEndThenId(Expiring a, Expiring b) {
        int c = a.endsAt().compareTo(b.endsAt());
        return c != 0 ? c : a.id().compareTo(b.id());
    }

    private static Expiring token(String variable, SandboxToken t) {
        String label = "sandbox token " + variable + " (" + t.sandbox() + ")";
        return new Expiring(label, Expiring.Kind.SANDBOX_TOKEN, label, t.expiresAt());
    }

    /** {@code payments/prod/db-url}, or {@code payments/prod (db-url, stripe-api-key)} for several. */
    private static String names(List<ResolvedSecret> secrets) {
        TreeSet<String> scopes = new TreeSet<>();
        TreeSet<String> names = new TreeSet<>();
        secrets.forEach(s -> {
            scopes.add(s.ref().scope());
            names.add(s.ref().name());
        });
        if (names.size() == 1) {
            return scopes.first() + "/" + names.first();
        }
        return String.join(", ", scopes) + " (" + String.join(", ", names) + ")";
    }
}
