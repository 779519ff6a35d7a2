package dev.latchkey.app.browser;

import dev.latchkey.core.brokerapi.AccessDeniedException;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.Grant;
import dev.latchkey.core.brokerapi.RefusedRef;
import dev.latchkey.core.brokerapi.ResolvedSecret;
import dev.latchkey.core.brokerapi.Scope;
import dev.latchkey.core.brokerapi.SecretMeta;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.brokerapi.AccessRequestForm;
import dev.latchkey.core.brokerapi.DryRun;
import java.time.Duration;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.Received;
import java.util.List;
import java.util.Optional;

/** What the secrets browser asks of a broker. Blocking: call only from a background task. */
public interface BrowserBackend {

    List<Scope> scopes() throws BrokerException;

    List<SecretMeta> secrets(String scope) throws BrokerException;

    /** The caller's grants that are active or scheduled: which secrets each covers, from when, until when. */
    List<Grant> grants() throws BrokerException;

    /** The value of {@code ref} if the caller may read it now; refused otherwise, saying what to do. */
    String value(SecretRef ref) throws BrokerException;

    /**
     * Who would decide a request for {@code secret} of {@code scope}, in words ("payments-leads",
     * "approved at once by staging-short (up to 1 h)"): asked of the broker as a dry run, which
     * files nothing.
     */
    String approvers(String scope, String secret) throws BrokerException;

    /** The real backend: core's typed broker client. */
    static BrowserBackend over(BrokerClient client) {
        return over(client, null);
    }

    /** The real backend, every value it reads (Reveal, Copy) recorded by {@code guard} when there is one. */
    static BrowserBackend over(BrokerClient client, LeakGuard guard) {
        return new BrowserBackend() {
            @Override
            public List<Scope> scopes() throws BrokerException {
                return client.scopes();
            }

            @Override
            public List<SecretMeta> secrets(String scope) throws BrokerException {
                return client.secrets(scope);
            }

            @Override
            public List<Grant> grants() throws BrokerException {
                return client.grants();
            }

            @Override
            public String approvers(String scope, String secret) throws BrokerException {
                DryRun d = client.dryRun(new AccessRequestForm(scope, List.of(secret), "", Duration.ofMinutes(15),
                        Optional.empty()));
                return ApproverText.of(d);
            }

            @Override
            public String value(SecretRef ref) throws BrokerException {
                BrokerClient.Resolved r = client.resolve(List.of(ref));
                for (ResolvedSecret s : r.secrets()) {
                    if (s.ref().equals(ref)) {
                        if (guard != null) {
                            guard.record(List.of(Received.secret(ref, s.value(), client.base())));
                        }
                        return s.value();
                    }
                }
                RefusedRef.Why why = r.refused().stream().filter(x -> x.ref().equals(ref)).map(RefusedRef::why)
                        .findFirst().orElse(RefusedRef.Why.NO_ACCESS);
                throw new AccessDeniedException(switch (why) {
                    case REQUEST_NEEDED -> "you have no access to " + ref.scope() + " now; request access to read " + ref;
                    case UNKNOWN_SECRET -> ref + " does not exist any more; reload the list";
                    case NO_ACCESS -> "you may not read " + ref;
                    case INVALID_REF -> "the broker does not take " + ref + " as a reference; reload the list";
                    // Approvals are asked about on this machine, not by the broker: not an answer it gives.
                    case NOT_APPROVED, APPROVAL_TIMED_OUT, NO_APPROVER -> new RefusedRef(ref, why).describe();
                });
            }
        };
    }
}
