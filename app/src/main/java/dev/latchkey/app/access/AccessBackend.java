package dev.latchkey.app.access;

import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.AccessRequestForm;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.DryRun;
import java.time.Duration;
import java.util.List;

/** What the request, "My requests" and approvals screens ask of a broker. Blocking: call from a task. */
public interface AccessBackend {

    /** What submitting {@code form} would do; creates nothing. */
    DryRun dryRun(AccessRequestForm form) throws BrokerException;

    /** Files the request. */
    AccessRequest submit(AccessRequestForm form) throws BrokerException;

    /** The caller's own requests, newest first. */
    List<AccessRequest> mine() throws BrokerException;

    /** Pending requests the caller may decide, newest first. */
    List<AccessRequest> toReview() throws BrokerException;

    AccessRequest cancel(String requestId) throws BrokerException;

    AccessRequest approve(String requestId, String reason) throws BrokerException;

    AccessRequest deny(String requestId, String reason) throws BrokerException;

    /** Files a request to extend a grant; access stays continuous when it is approved. */
    AccessRequest extend(String grantId, Duration duration, String justification) throws BrokerException;

    /** The real backend: core's typed broker client. */
    static AccessBackend over(BrokerClient client) {
        return new AccessBackend() {
            @Override
            public DryRun dryRun(AccessRequestForm form) throws BrokerException {
                return client.dryRun(form);
            }

            @Override
            public AccessRequest submit(AccessRequestForm form) throws BrokerException {
                return client.requestAccess(form);
            }

            @Override
            public List<AccessRequest> mine() throws BrokerException {
                return client.myRequests();
            }

            @Override
            public List<AccessRequest> toReview() throws BrokerException {
                return client.requestsToReview();
            }

            @Override
            public AccessRequest cancel(String requestId) throws BrokerException {
                return client.cancel(requestId);
            }

            @Override
            public AccessRequest approve(String requestId, String reason) throws BrokerException {
                return client.approve(requestId, reason);
            }

            @Override
            public AccessRequest deny(String requestId, String reason) throws BrokerException {
                return client.deny(requestId, reason);
            }

            @Override
            public AccessRequest extend(String grantId, Duration duration, String justification) throws BrokerException {
                return client.extendGrant(grantId, duration, justification);
            }
        };
    }
}
