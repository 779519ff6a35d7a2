package dev.latchkey.core.brokerapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.internal.brokerapi.BrokerClients;
import dev.latchkey.core.internal.brokerapi.Exposure;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * The typed client of the broker API (see {@code docs/broker-api.yaml}).
 *
 * <p>Every call has a timeout ({@link #CALL_TIMEOUT}). Every failure is a {@link BrokerException}:
 * {@link NotSignedInException} (401), {@link AccessDeniedException} (403, 404),
 * {@link InvalidRequestException} (400, 422, with the field at fault), {@link ConflictException}
 * (409), {@link BrokerUnreachableException} (no answer, 5xx), {@link BrokerProtocolException}
 * (an answer this client cannot read). Messages name the broker, the call, scopes and ids, never
 * a token or a value. Share one client per broker; it is safe for use by several threads.
 *
 * <p>Get one from {@code Latchkey.brokerClient} (or {@code Session.brokerClient}); its event stream,
 * a separate long-lived connection, from {@code Latchkey.events}.
 */
public final class BrokerClient {

    /** How long any one call may take, connection included. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    static {
        BrokerClients.register(new CoreAccess());
    }

    private final BrokerCalls calls;
    private final Replies replies;
    private final BearerToken token;

    /**
     * A client for the broker at {@code base}.
     *
     * @param base the broker's URL (https, or http on loopback)
     * @param token the signed-in session's access token
     * @throws IllegalArgumentException when the URL is not https and not loopback
     */
    BrokerClient(URI base, BearerToken token) {
        URI checked = BrokerUrl.check(base.toString());
        this.token = token;
        this.calls = new BrokerCalls(checked, token, CALL_TIMEOUT);
        this.replies = new Replies(checked);
    }

    /** The broker's URL. */
    public URI base() {
        return calls.base();
    }

    /** The access token source this client calls with (the event stream uses the same one). */
    public BearerToken bearerToken() {
        return token;
    }

    /** {@code GET /.well-known/latchkey}: needs no sign-in. */
    public BrokerInfo info() throws BrokerException {
        JsonNode n = calls.get("GET /.well-known/latchkey", calls.url("/.well-known/latchkey"), false);
        return replies.read(n, LookupReplies.InfoReply.class).toInfo();
    }

    /** {@code GET /v1/me}: who the broker thinks the caller is, with their current grants. */
    public Me me() throws BrokerException {
        return replies.read(calls.getParsed("GET /v1/me", calls.url("/v1/me")), LookupReplies.MeReply::from).toMe();
    }

    /** {@code GET /v1/scopes}: the scopes the caller can see, with the caller's access to each. */
    public List<Scope> scopes() throws BrokerException {
        Object n = calls.getParsed("GET /v1/scopes", calls.url("/v1/scopes"));
        return replies.readList(n, "scopes", LookupReplies.ScopesReply::from).scopes().stream()
                .map(LookupReplies.ScopeReply::toScope).toList();
    }

    /** {@code GET /v1/scopes/{team}/{env}/secrets}: metadata only. */
    public List<SecretMeta> secrets(String scope) throws BrokerException {
        String[] parts = scopeParts(scope);
        HttpUrl url = calls.url("/v1/scopes").newBuilder().addPathSegment(parts[0]).addPathSegment(parts[1])
                .addPathSegment("secrets").build();
        JsonNode n = calls.get("GET /v1/scopes/" + scope + "/secrets", url, true);
        return replies.readList(n, "secrets", LookupReplies.SecretsReply.class).secrets().stream()
                .map(LookupReplies.SecretReply::toSecretMeta).toList();
    }

    /** What {@link #resolve} returns: values for the refs the caller may read, reasons for the rest. */
    public record Resolved(List<ResolvedSecret> secrets, List<RefusedRef> refused) {
        public Resolved {
            secrets = List.copyOf(secrets);
            refused = List.copyOf(refused);
        }
    }

    /** {@code POST /v1/secrets:resolve}: all refs of a launch in one call. */
    public Resolved resolve(Collection<SecretRef> refs) throws BrokerException {
        Object n = calls.postParsed("POST /v1/secrets:resolve", calls.url("/v1/secrets:resolve"), RequestBodies.refs(refs));
        return replies.read(n, LookupReplies.ResolveReply::from).toResolved(replies);
    }

    // --- access requests -------------------------------------------------------------------

    /**
     * {@code POST /v1/access-requests}: asks for access. A request that a policy rule approves comes
     * back {@link AccessRequest.State#APPROVED} with its grant.
     *
     * @throws InvalidRequestException with the field at fault, for bad input or a request beyond the policy
     * @throws AccessDeniedException when the caller may not request this scope
     */
    public AccessRequest requestAccess(AccessRequestForm form) throws BrokerException {
        JsonNode n = calls.post("POST /v1/access-requests for " + form.scope(), calls.url("/v1/access-requests"), RequestBodies.form(form));
        return accessRequest(n);
    }

    /**
     * {@code POST /v1/access-requests?dryRun=true}: what {@link #requestAccess} would do, creating
     * nothing. Policy problems come back in {@link DryRun#problems()}, not as exceptions.
     */
    public DryRun dryRun(AccessRequestForm form) throws BrokerException {
        HttpUrl url = calls.url("/v1/access-requests").newBuilder().addQueryParameter("dryRun", "true").build();
        JsonNode n = calls.post("POST /v1/access-requests?dryRun=true for " + form.scope(), url, RequestBodies.form(form));
        return replies.read(n, Replies.DryRunReply.class).toDryRun();
    }

    /** {@code GET /v1/access-requests?mine}: the caller's own requests, newest first. */
    public List<AccessRequest> myRequests() throws BrokerException {
        HttpUrl url = calls.url("/v1/access-requests").newBuilder().addQueryParameter("mine", null).build();
        return accessRequests(calls.get("GET /v1/access-requests?mine", url, true));
    }

    /** {@code GET /v1/access-requests?toReview}: pending requests the caller may decide, newest first. */
    public List<AccessRequest> requestsToReview() throws BrokerException {
        HttpUrl url = calls.url("/v1/access-requests").newBuilder().addQueryParameter("toReview", null).build();
        return accessRequests(calls.get("GET /v1/access-requests?toReview", url, true));
    }

    /** {@code GET /v1/access-requests/{id}}: one request (the requester's, or one the caller reviews). */
    public AccessRequest accessRequest(String id) throws BrokerException {
        HttpUrl url = calls.url("/v1/access-requests").newBuilder().addPathSegment(id).build();
        return accessRequest(calls.get("GET /v1/access-requests/" + id, url, true));
    }

    /** {@code :cancel}: the requester withdraws a pending request. */
    public AccessRequest cancel(String id) throws BrokerException {
        return decide(id, "cancel", RequestBodies.reason(null));
    }

    /**
     * {@code :approve}: a reviewer (never the requester) approves.
     *
     * @param reason why, or null
     * @throws ConflictException when the request is no longer pending
     */
    public AccessRequest approve(String id, String reason) throws BrokerException {
        return decide(id, "approve", RequestBodies.reason(reason));
    }

    /**
     * {@code :deny}: a reviewer (never the requester) denies, saying why.
     *
     * @throws ConflictException when the request is no longer pending
     */
    public AccessRequest deny(String id, String reason) throws BrokerException {
        return decide(id, "deny", RequestBodies.denial(reason));
    }

    private AccessRequest decide(String id, String verb, ObjectNode body) throws BrokerException {
        HttpUrl url = calls.url("/v1/access-requests").newBuilder().addPathSegment(id + ":" + verb).build();
        return accessRequest(calls.post("POST /v1/access-requests/" + id + ":" + verb, url, body));
    }

    // --- grants ------------------------------------------------------------------------------

    /** {@code GET /v1/grants}: the caller's scheduled and active grants. */
    public List<Grant> grants() throws BrokerException {
        return grants(false);
    }

    /** {@code GET /v1/grants}, with {@code ?all} also the ended and revoked ones. */
    public List<Grant> grants(boolean all) throws BrokerException {
        HttpUrl.Builder url = calls.url("/v1/grants").newBuilder();
        if (all) {
            url.addQueryParameter("all", null);
        }
        return replies.readList(calls.get("GET /v1/grants", url.build(), true), "grants", Replies.GrantsReply.class)
                .grants().stream().map(Replies.GrantReply::toGrant).toList();
    }

    /**
     * {@code :revoke}: ends a grant now (the grantee, a reviewer of its scope, or an admin).
     *
     * @param reason why, or null
     */
    public Grant revokeGrant(String id, String reason) throws BrokerException {
        HttpUrl url = calls.url("/v1/grants").newBuilder().addPathSegment(id + ":revoke").build();
        return replies.grant(calls.post("POST /v1/grants/" + id + ":revoke", url, RequestBodies.reason(reason)));
    }

    /**
     * {@code :extend}: asks for more time on a grant. The answer is a new access request; once
     * approved, its grant starts where the old one ends, so access is continuous.
     */
    public AccessRequest extendGrant(String id, Duration duration, String justification) throws BrokerException {
        HttpUrl url = calls.url("/v1/grants").newBuilder().addPathSegment(id + ":extend").build();
        return accessRequest(calls.post("POST /v1/grants/" + id + ":extend", url,
                RequestBodies.extension(duration, justification)));
    }

    // --- sandboxes ---------------------------------------------------------------------------

    /** {@code GET /v1/sandboxes}: the sandboxes whose scope the caller may browse. */
    public List<Sandbox> sandboxes() throws BrokerException {
        return replies.readList(calls.get("GET /v1/sandboxes", calls.url("/v1/sandboxes"), true), "sandboxes",
                Replies.SandboxesReply.class).sandboxes().stream().map(Replies.SandboxReply::toSandbox).toList();
    }

    /**
     * {@code POST /v1/sandbox-tokens}: a short-lived token for a sandbox, bounded by the sandbox's
     * maximum and the caller's access (so it may live shorter than asked).
     *
     * @param sandbox the sandbox's name
     * @param ttl the lifetime wanted, or null for the sandbox's maximum
     * @throws AccessDeniedException when the caller cannot read the sandbox's scope now (the
     *     message carries the {@code latchkey request} hint), or there is no such sandbox
     */
    public SandboxToken mintSandboxToken(String sandbox, Duration ttl) throws BrokerException {
        JsonNode n = calls.post("POST /v1/sandbox-tokens for " + sandbox, calls.url("/v1/sandbox-tokens"),
                RequestBodies.sandboxToken(sandbox, ttl));
        return replies.read(n, Replies.SandboxTokenReply.class).toSandboxToken(sandbox);
    }

    private static String[] scopeParts(String scope) throws AccessDeniedException {
        String[] parts = scope.split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new AccessDeniedException("'" + scope + "' is not a scope; write it as team/env, such as payments/dev");
        }
        return parts;
    }

    private AccessRequest accessRequest(JsonNode n) throws BrokerProtocolException {
        return replies.read(n, Replies.AccessRequestReply.class).toAccessRequest();
    }

    private List<AccessRequest> accessRequests(JsonNode n) throws BrokerProtocolException {
        return replies.readList(n, "requests", Replies.AccessRequestsReply.class).requests().stream()
                .map(Replies.AccessRequestReply::toAccessRequest).toList();
    }

    /** {@code POST /v1/exposures}, for the leak guard through {@link BrokerClients#reportExposures}. */
    private List<String> reportExposures(String source, Collection<Exposure> exposures) throws BrokerException {
        JsonNode n = calls.post("POST /v1/exposures", calls.url("/v1/exposures"), RequestBodies.exposures(source, exposures));
        return replies.read(n, LookupReplies.ExposuresReply.class).hints();
    }

    /** What this class opens to the rest of core, registered with {@link BrokerClients}. */
    private static final class CoreAccess implements BrokerClients.Access {

        @Override
        public BrokerClient create(URI base, BearerToken token) {
            return new BrokerClient(base, token);
        }

        @Override
        public List<String> reportExposures(BrokerClient client, String source, Collection<Exposure> exposures)
                throws BrokerException {
            return client.reportExposures(source, exposures);
        }
    }
}
