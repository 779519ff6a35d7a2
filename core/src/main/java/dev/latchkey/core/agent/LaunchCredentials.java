package dev.latchkey.core.agent;

import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.SandboxToken;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A launch's current values, kept fresh for its refresh endpoint: wraps the launch's
 * {@link SecretSource}, remembers what the last resolve granted, re-mints sandbox tokens when three
 * quarters of their life has passed, and resolves everything again on {@link #refreshNow()} (after
 * the broker tells of an extension). Values stay in memory only.
 */
public final class LaunchCredentials implements SecretSource, AutoCloseable {

    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Duration SOONEST = Duration.ofSeconds(1);

    private final SecretSource source;
    private final Map<String, EnvValue> variables;
    private final Clock clock;
    private final Consumer<String> notices;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "latchkey-credentials-renewal");
        t.setDaemon(true);
        return t;
    });
    private Set<SecretRef> refs = Set.of();
    private Map<String, SandboxRequest> sandboxes = Map.of();
    private Resolution.Granted current;
    private Instant refreshedAt;
    private EndpointAnswers answers;
    private ScheduledFuture<?> next;
    private volatile Consumer<Map<String, String>> handedOver = values -> { };

    /**
     * @param variables the launch's variables, to name each value by its variable
     * @param notices hears a line when a renewal fails (names only)
     */
    public LaunchCredentials(SecretSource source, Map<String, EnvValue> variables, Clock clock, Consumer<String> notices) {
        this.source = source;
        this.variables = Map.copyOf(variables);
        this.clock = clock;
        this.notices = notices;
    }

    @Override
    public Resolution resolve(Set<SecretRef> wantedRefs, Map<String, SandboxRequest> wantedSandboxes) throws BrokerException {
        Resolution r = source.resolve(wantedRefs, wantedSandboxes);
        if (r instanceof Resolution.Granted g) {
            synchronized (this) {
                refs = Set.copyOf(wantedRefs);
                sandboxes = Map.copyOf(wantedSandboxes);
                current = g;
                refreshedAt = clock.instant();
                answers = null;
                scheduleRenewal();
            }
        }
        return r;
    }

    /**
     * Tells {@code listener} of every value a renewal brings that the launch did not have (each by
     * its variable), before the endpoint serves it: the launch hides them in the child's output.
     */
    public void onNewValues(Consumer<Map<String, String>> listener) {
        handedOver = listener;
    }

    /** Resolves the launch's references and sandbox tokens again now, in the background. */
    public void refreshNow() {
        renewals.execute(() -> renew(true));
    }

    private void renew(boolean everything) {
        Set<SecretRef> r;
        Map<String, SandboxRequest> s;
        synchronized (this) {
            if (current == null) {
                return;
            }
            r = everything ? refs : Set.of();
            s = sandboxes;
        }
        try {
            Resolution answer = source.resolve(r, s);
            synchronized (this) {
                if (answer instanceof Resolution.Granted g) {
                    Resolution.Granted renewed = everything ? g : new Resolution.Granted(current.secrets(), g.sandboxTokens());
                    handedOver.accept(newValues(current, renewed));
                    current = renewed;
                    refreshedAt = clock.instant();
                    answers = null;
                } else if (answer instanceof Resolution.Refused refused) {
                    // Refused by the broker, or by the user at an approval prompt ("Allow once" asks again).
                    notices.accept("latchkey: the refresh endpoint keeps the values it has: " + refused.refused().stream()
                            .map(LaunchCredentials::describeForRefresh).collect(Collectors.joining("; ")));
                }
                scheduleRenewal();
            }
        } catch (BrokerException | RuntimeException e) {
            notices.accept("latchkey: renewing the launch's sandbox tokens failed (" + e.getMessage() + "); trying again in "
                    + RETRY.toSeconds() + " s");
            synchronized (this) {
                schedule(RETRY);
            }
        }
    }

    /**
     * Why a refresh was refused, as a launch's refusal says it, except where that tells to run the
     * launch again: a refresh is not run by hand, and the launch keeps running with what it has.
     */
    static String describeForRefresh(RefusedRef r) {
        if (r.why() == RefusedRef.Why.APPROVAL_TIMED_OUT) {
            return r.ref() + ": " + r.ref().scope() + " asks to confirm each launch, and nobody answered the prompt for this"
                    + " refresh in time; the next refresh asks again (in the Latchkey app, \"Allow for this launch\" covers"
                    + " the launch's refreshes)";
        }
        return r.describe();
    }

    /** The values of {@code after} that {@code before} did not hold, by variable. */
    private Map<String, String> newValues(Resolution.Granted before, Resolution.Granted after) {
        Map<String, String> fresh = new LinkedHashMap<>();
        variables.forEach((name, v) -> {
            if (v instanceof EnvValue.Reference r && after.secrets().containsKey(r.ref())) {
                String value = after.secrets().get(r.ref()).value();
                ResolvedSecret old = before.secrets().get(r.ref());
                if (old == null || !old.value().equals(value)) {
                    fresh.put(name, value);
                }
            }
        });
        after.sandboxTokens().forEach((name, t) -> {
            SandboxToken old = before.sandboxTokens().get(name);
            if (old == null || !old.token().equals(t.token())) {
                fresh.put(name, t.token());
            }
        });
        return fresh;
    }

    private void scheduleRenewal() {
        if (current.sandboxTokens().isEmpty()) {
            return;
        }
        Instant due = Instant.MAX;
        for (SandboxToken t : current.sandboxTokens().values()) {
            Duration life = Duration.between(t.issuedAt(), t.expiresAt());
            Instant at = t.issuedAt().plus(life.multipliedBy(3).dividedBy(4));
            due = at.isBefore(due) ? at : due;
        }
        Duration wait = Duration.between(clock.instant(), due);
        schedule(wait.compareTo(SOONEST) < 0 ? SOONEST : wait);
    }

    private void schedule(Duration wait) {
        if (next != null) {
            next.cancel(false);
        }
        if (!renewals.isShutdown()) {
            next = renewals.schedule(() -> renew(false), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Hears what the endpoint serves, by name: the values' version (when they were read), references, sandboxes. */
    interface ServedNames {
        void accept(Instant version, List<String> refs, List<String> sandboxes);
    }

    /** Tells {@code names} what is served now (nothing when nothing was read yet). Names only. */
    void served(ServedNames names) {
        EndpointAnswers a;
        synchronized (this) {
            if (current == null) {
                return;
            }
            a = answers();
        }
        names.accept(a.version(), a.refs(), a.sandboxes());
    }

    /** The endpoint's JSON answer, as {@link #json()} writes it, in UTF-8. */
    synchronized byte[] jsonAnswer() {
        return answers().json(this::json);
    }

    /** The endpoint's {@code .env} answer, as {@link #dotenv()} writes it, in UTF-8. */
    synchronized byte[] dotenvAnswer() {
        return answers().dotenv(this::dotenv);
    }

    /** Held by this object's lock. */
    private EndpointAnswers answers() {
        if (answers == null || !answers.isFor(refreshedAt)) {
            answers = EndpointAnswers.of(refreshedAt, current);
        }
        return answers;
    }

    /** The current values as JSON: each variable with its reference or sandbox and its expiry. */
    public synchronized String json() {
        return EndpointAnswers.jsonOf(variables, refreshedAt, current);
    }

    /** The current values as {@code .env} text, each preceded by a comment with its expiry. */
    public synchronized String dotenv() {
        return EndpointAnswers.dotenvOf(variables, current);
    }

    @Override
    public void close() {
        renewals.shutdownNow();
        synchronized (this) {
            current = null;
            answers = null;
        }
    }
}
