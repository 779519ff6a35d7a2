package dev.latchkey.core.agent;

import dev.latchkey.core.approval.ApprovalRequest;
import dev.latchkey.core.brokerapi.AccessDeniedException;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.BrokerProtocolException;
import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.internal.agent.AgentError;
import dev.latchkey.core.internal.json.MalformedJson;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.io.IOException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The typed calls of protocol version 1 over an {@link AgentClient} that answered. Broker errors
 * the agent met come back as the same {@link BrokerException} types the CLI already handles;
 * anything else about the agent is an {@link AgentCallException}: late or gone ({@link AgentError#TIMEOUT}),
 * a reply that is not what protocol 1 says ({@link AgentError#BAD_REQUEST}), or its own typed error.
 *
 * <p>Replies are read without Jackson ({@link AgentReplies}): a launch through the agent loads no JSON
 * library.
 */
public final class AgentCalls {

    /** A call that reaches the broker may take the broker's own call timeout and a little more. */
    public static final Duration BROKER_CALL_TIMEOUT = Duration.ofSeconds(20);

    private final AgentClient client;

    public AgentCalls(AgentClient client) {
        this.client = client;
    }

    /** The agent these calls go to. */
    public AgentClient client() {
        return client;
    }

    /** The agent's session, without any token. */
    public AgentMessages.Status status() throws AgentCallException {
        try {
            return AgentReplies.status(ok(client.call("GET", "/v1/status", null, AgentClient.FALLBACK_TIMEOUT.multipliedBy(10))));
        } catch (BrokerException e) {
            throw new AgentCallException(AgentError.BROKER, e.getMessage(), e);
        } catch (IOException e) {
            throw late(e);
        } catch (MalformedJson e) {
            throw malformed(e);
        }
    }

    /** The agent's access token for {@code broker} (refreshed by the agent, once, when it nears expiry). */
    public String accessToken(URI broker) throws AgentCallException, BrokerException {
        try {
            return AgentReplies.accessToken(ok(client.call("POST", "/v1/token", AgentReplies.brokerCall(broker.toString()),
                    BROKER_CALL_TIMEOUT)));
        } catch (IOException e) {
            throw late(e);
        } catch (MalformedJson e) {
            throw malformed(e);
        }
    }

    /**
     * Tells the agent that the session of {@code broker} changed in the keychain (a sign-out, a
     * switch, a new sign-in), so it drops the one it holds at once instead of at its next recheck.
     */
    public void forget(URI broker) throws AgentCallException, BrokerException {
        try {
            ok(client.call("POST", "/v1/forget", AgentReplies.brokerCall(broker.toString()),
                    AgentClient.FALLBACK_TIMEOUT.multipliedBy(10)));
        } catch (IOException e) {
            throw late(e);
        } catch (MalformedJson e) {
            throw malformed(e);
        }
    }

    /** A launch's references and sandbox tokens, resolved by the agent in one broker call. */
    public Resolution resolve(URI broker, Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes)
            throws AgentCallException, BrokerException {
        return switch (resolve(broker, refs, sandboxes, null)) {
            case AgentResolve.Done done -> done.resolution();
            case AgentResolve.ApprovalNeeded needed -> throw new AgentCallException(AgentError.BAD_REQUEST,
                    "the agent asks for an approval of " + String.join(", ", needed.scopes()) + " first", null);
        };
    }

    /**
     * A launch's resolve, with the answer to an earlier {@link AgentResolve.ApprovalNeeded}.
     *
     * @param approval null; {@code ask} (the app asks the user: this call waits up to
     *     {@link ApprovalRequest#TIMEOUT} for the answer); {@code terminal} (the user allowed it in this
     *     process's terminal); or an allowance from an earlier answer
     */
    public AgentResolve resolve(URI broker, Set<SecretRef> refs, Map<String, SandboxRequest> sandboxes, String approval)
            throws AgentCallException, BrokerException {
        Map<String, AgentMessages.SandboxAsk> asks = new LinkedHashMap<>();
        sandboxes.forEach((k, s) -> asks.put(k, new AgentMessages.SandboxAsk(s.sandbox(), s.ttl().toSeconds())));
        Duration timeout = "ask".equals(approval) ? BROKER_CALL_TIMEOUT.plus(ApprovalRequest.TIMEOUT) : BROKER_CALL_TIMEOUT;
        String body = AgentReplies.resolveCall(broker.toString(), refs.stream().map(SecretRef::toString).toList(), asks,
                approval);
        AgentMessages.ResolveAnswer answer;
        try {
            answer = AgentReplies.resolve(ok(client.call("POST", "/v1/resolve", body, timeout)));
        } catch (IOException e) {
            throw late(e);
        } catch (MalformedJson e) {
            throw malformed(e);
        }
        if ("approval_needed".equals(answer.outcome())) {
            return new AgentResolve.ApprovalNeeded("app".equals(answer.approver()),
                    answer.confirm() == null ? List.of() : answer.confirm());
        }
        try {
            return new AgentResolve.Done(AgentResolutions.fromAnswer(answer), Optional.ofNullable(answer.approval()));
        } catch (IllegalArgumentException | NullPointerException | DateTimeException e) {
            // A reference, a refusal's reason or a time that is not what protocol 1 says.
            throw malformed(new MalformedJson("", "holds a field protocol 1 does not allow ("
                    + e.getClass().getSimpleName() + ")"));
        }
    }

    private AgentCallException late(IOException e) {
        return new AgentCallException(AgentError.TIMEOUT, "the agent (pid " + client.pid() + ") did not answer in time", e);
    }

    private AgentCallException malformed(MalformedJson e) {
        return new AgentCallException(AgentError.BAD_REQUEST,
                "the agent (pid " + client.pid() + ") did not answer as protocol 1 says", e);
    }

    private static String ok(AgentClient.Answer answer) throws AgentCallException, BrokerException, MalformedJson {
        if (answer.status() == 200) {
            return answer.body();
        }
        AgentMessages.ErrorDetail e = AgentReplies.error(answer.body());
        AgentError error = AgentError.ofType(e.type());
        if (error == AgentError.NOT_SIGNED_IN) {
            throw new NotSignedInException(e.message());
        }
        if (error == AgentError.BROKER) {
            switch (e.kind() == null ? "" : e.kind()) {
                case "access_denied" -> throw new AccessDeniedException(e.message());
                case "unreachable" -> throw new BrokerUnreachableException(e.message(), null);
                default -> throw new BrokerProtocolException(e.message(), null);
            }
        }
        throw new AgentCallException(error, "the agent refused: " + e.message(), null);
    }
}
