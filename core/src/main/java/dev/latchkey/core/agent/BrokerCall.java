package dev.latchkey.core.agent;

import dev.latchkey.core.auth.IdpUnreachableException;
import dev.latchkey.core.brokerapi.AccessDeniedException;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.internal.agent.AgentError;
import dev.latchkey.core.internal.agent.AgentFailure;

/** Work of a call that asks the broker (or the IdP, for a fresh token); its failures become the agent's errors. */
@FunctionalInterface
interface BrokerCall<T> {

    T run() throws BrokerException;

    /** What {@code work} returns, or the error the caller is answered with. */
    static <T> T answer(BrokerCall<T> work) throws AgentFailure {
        try {
            return work.run();
        } catch (NotSignedInException e) {
            if (e.getCause() instanceof IdpUnreachableException) {
                // The session is fine; its refresh could not reach the IdP. Signing in again would not help.
                throw new AgentFailure(AgentError.BROKER, e.getMessage(), "unreachable");
            }
            throw new AgentFailure(AgentError.NOT_SIGNED_IN, e.getMessage());
        } catch (AccessDeniedException e) {
            throw new AgentFailure(AgentError.BROKER, e.getMessage(), "access_denied");
        } catch (BrokerUnreachableException e) {
            throw new AgentFailure(AgentError.BROKER, e.getMessage(), "unreachable");
        } catch (BrokerException e) {
            throw new AgentFailure(AgentError.BROKER, e.getMessage(), "protocol");
        }
    }
}
