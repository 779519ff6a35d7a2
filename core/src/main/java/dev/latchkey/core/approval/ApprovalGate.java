package dev.latchkey.core.approval;

import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A {@link SecretSource} that asks before it reads scopes that ask for confirmation: the
 * {@link Approver} is asked first, and only an allowing answer lets the read go to the source.
 * "Allow for this launch" is remembered by this object, which lives as long as its launch.
 */
public final class ApprovalGate implements SecretSource {

    private final SecretSource source;
    private final ConfirmScopes confirm;
    private final Approver approver;
    private final Requester requester;
    private final Clock clock;
    private final Set<String> allowedForLaunch = ConcurrentHashMap.newKeySet();

    /**
     * @param requester the process the prompt names (for a launch of its own: {@link Requester#self()})
     */
    public ApprovalGate(SecretSource source, ConfirmScopes confirm, Approver approver, Requester requester, Clock clock) {
        this.source = source;
        this.confirm = confirm;
        this.approver = approver;
        this.requester = requester;
        this.clock = clock;
    }

    @Override
    public Resolution resolve(Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes) throws BrokerException {
        Set<String> scopes = refs.stream().map(SecretRef::scope).collect(Collectors.toCollection(TreeSet::new));
        Set<String> asking = new TreeSet<>();
        Resolution early = null;
        try {
            asking.addAll(confirm.among(scopes));
        } catch (BrokerException listingFailed) {
            // Both calls go to the same broker: the resolve's own error says best what is wrong. Should it
            // answer after all, every scope is asked about: a missing listing never skips a question.
            early = source.resolve(refs, sandboxes);
            asking.addAll(scopes);
        }
        asking.removeAll(allowedForLaunch);
        if (asking.isEmpty()) {
            return early != null ? early : source.resolve(refs, sandboxes);
        }
        List<SecretRef> asked = refs.stream().filter(r -> asking.contains(r.scope())).toList();
        Decision decision = decide(asking, asked);
        if (decision == Decision.ALLOW_FOR_LAUNCH) {
            allowedForLaunch.addAll(asking);
        }
        if (!decision.allows()) {
            return refused(asked, decision);
        }
        return early != null ? early : source.resolve(refs, sandboxes);
    }

    private Decision decide(Set<String> asking, List<SecretRef> asked) {
        try {
            return approver.decide(new ApprovalRequest(requester, List.copyOf(asking), asked, clock.instant(),
                    ApprovalRequest.TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.TIMED_OUT;
        }
    }

    /** The refusal a launch gets for {@code refs} when {@code decision} does not allow the read. */
    public static Resolution.Refused refused(List<SecretRef> refs, Decision decision) {
        RefusedRef.Why why = switch (decision) {
            case DENY -> RefusedRef.Why.NOT_APPROVED;
            case TIMED_OUT -> RefusedRef.Why.APPROVAL_TIMED_OUT;
            case NO_ONE_TO_ASK -> RefusedRef.Why.NO_APPROVER;
            case ALLOW_ONCE, ALLOW_FOR_LAUNCH -> throw new IllegalArgumentException("an allowing decision refuses nothing");
        };
        return new Resolution.Refused(refs.stream().map(r -> new RefusedRef(r, why)).toList());
    }
}
