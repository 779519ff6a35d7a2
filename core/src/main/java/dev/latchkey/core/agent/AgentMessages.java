package dev.latchkey.core.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The agent protocol's JSON messages, version 1 (docs/agent.md). Times are ISO-8601 instants;
 * absent optional fields are left out. {@code toString} never shows a value or token.
 */
public final class AgentMessages {

    private AgentMessages() {
    }

    /** {@code GET /v1/hello}: who answers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Hello(int protocol, String agent, long pid, String broker) {
    }

    /** {@code POST /v1/token}: a call naming the broker the caller means. */
    record TokenCall(String broker) {
    }

    /** The agent's current access token for its broker, and when it expires. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenAnswer(String accessToken, String expiresAt) {
        @Override
        public String toString() {
            return "TokenAnswer[<hidden>, expiresAt=" + expiresAt + "]";
        }
    }

    /** {@code GET /v1/status}: the agent's session, without any token. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(int protocol, long pid, String broker, boolean signedIn, String user, String email,
                         String accessTokenExpiresAt, String storage, String storageDetail, long refreshes) {
    }

    /** {@code POST /v1/forget}: the session of {@code broker} changed; drop what is held of it. */
    record ForgetCall(String broker) {
    }

    /** The answer to a forget: the held session is gone, the next call reads the keychain. */
    record Forgotten(boolean forgotten) {
    }

    /** A sandbox token wanted, by variable. */
    record SandboxAsk(String sandbox, long ttlSeconds) {
    }

    /**
     * {@code POST /v1/resolve}: a whole launch's references and sandbox tokens, in one call.
     * {@code approval} (left out when null) answers an {@code approval_needed}: {@code ask} (show the
     * app's prompt and wait), {@code terminal} (the user allowed it in the caller's terminal; taken only by
     * an agent without the app) or the allowance an earlier "Allow for this launch" returned.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ResolveCall(String broker, List<String> refs, Map<String, SandboxAsk> sandboxes, String approval) {
    }

    /** One resolved secret. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SecretOut(String ref, String value, String accessEnds, String grantId) {
        @Override
        public String toString() {
            return "SecretOut[" + ref + ", <hidden>]";
        }
    }

    /** One minted sandbox token. */
    record TokenOut(String sandbox, String token, String audience, String scope, String issuedAt,
                           String expiresAt, String jti) {
        @Override
        public String toString() {
            return "TokenOut[" + sandbox + ", <hidden>, expiresAt=" + expiresAt + "]";
        }
    }

    /** One refused reference and why (a {@code RefusedRef.Why} name). */
    record RefusedOut(String ref, String why) {
    }

    /**
     * The answer to a resolve: {@code outcome} is {@code granted}, {@code refused} or
     * {@code approval_needed} (then {@code approver} says who asks, {@code app} or {@code terminal}, and
     * {@code confirm} which scopes); {@code approval} is the allowance of an "Allow for this launch".
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ResolveAnswer(String outcome, List<SecretOut> secrets, Map<String, TokenOut> sandboxTokens,
                         List<RefusedOut> refused, String approver, List<String> confirm, String approval) {

        ResolveAnswer(String outcome, List<SecretOut> secrets, Map<String, TokenOut> sandboxTokens,
                      List<RefusedOut> refused) {
            this(outcome, secrets, sandboxTokens, refused, null, null, null);
        }

        ResolveAnswer withApproval(String allowance) {
            return new ResolveAnswer(outcome, secrets, sandboxTokens, refused, approver, confirm, allowance);
        }
    }

    /** A typed error as sent, the inside of {@code {"error":{…}}}. */
    record ErrorDetail(String type, String message, String kind) {
    }
}
