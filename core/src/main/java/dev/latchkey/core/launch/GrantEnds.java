package dev.latchkey.core.launch;

import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.expiry.ExpiryMonitor;
import dev.latchkey.core.internal.launch.process.RunningChild;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A launch's grants that ended before their time (revoked at the broker): each ends, on the
 * launch's expiry clock, the items given under it. An end heard before the child started (during
 * the resolve) waits until it has, since the values were already given out.
 */
final class GrantEnds {

    private record GrantEnd(String grantId, Optional<String> scope, String why) {
    }

    private final Consumer<String> notices;
    private final Supplier<ExpiryMonitor> watch;
    private final Supplier<RunningChild> child;
    private final List<GrantEnd> beforeStart = new ArrayList<>();
    private boolean childStarted;
    private final Set<String> ended = ConcurrentHashMap.newKeySet();

    /**
     * @param watch the current run's expiry clock, read when an end is applied
     * @param child the current run's child, read when an end is applied
     */
    GrantEnds(Consumer<String> notices, Supplier<ExpiryMonitor> watch, Supplier<RunningChild> child) {
        this.notices = notices;
        this.watch = watch;
        this.child = child;
    }

    /** Grant {@code grantId} ended; {@code scope}, when given, also ends items of that scope whose grant is unknown. */
    void ended(String grantId, Optional<String> scope, String why) {
        end(new GrantEnd(grantId, scope, why));
    }

    /** The child started (the current watch and child are set): ends heard before apply now. */
    void childStarted() {
        List<GrantEnd> heard;
        synchronized (beforeStart) {
            childStarted = true;
            heard = List.copyOf(beforeStart);
            beforeStart.clear();
        }
        heard.forEach(this::end);
    }

    private void end(GrantEnd end) {
        synchronized (beforeStart) {
            if (!childStarted) {
                beforeStart.add(end);
                return;
            }
        }
        ExpiryMonitor w = watch.get();
        RunningChild c = child.get();
        if (w == null || c == null || !c.isAlive()) {
            return;
        }
        String grantId = end.grantId();
        for (Expiring item : w.items()) {
            if (item.grantId().filter(grantId::equals).isPresent()) {
                if (!ended.add(grantId)) {
                    return; // heard from the stream and from a re-read of the grants: said once
                }
                notices.accept("latchkey: " + item.label() + ": grant " + grantId + " was " + end.why());
                w.endNow(item.id());
                return;
            }
        }
        if (end.scope().isEmpty()) {
            return;
        }
        String scope = end.scope().get();
        for (Expiring item : w.items()) {
            if (item.kind() == Expiring.Kind.GRANT && item.grantId().isEmpty()
                    && (item.label().startsWith("access to " + scope + "/")
                    || item.label().startsWith("access to " + scope + " ("))) {
                notices.accept("latchkey: " + item.label() + ": a grant of " + scope + " was " + end.why());
                w.endNow(item.id());
            }
        }
    }
}
