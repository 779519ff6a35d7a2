package dev.latchkey.core.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.core.Session;
import dev.latchkey.core.approval.Approver;
import dev.latchkey.core.approval.ConfirmScopes;
import dev.latchkey.core.approval.LocalConfirmScopes;
import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.internal.agent.AgentError;
import dev.latchkey.core.internal.agent.AgentFailure;
import dev.latchkey.core.internal.agent.PeerProcess;
import dev.latchkey.core.internal.agent.Wire;
import dev.latchkey.core.internal.agent.WireReply;
import dev.latchkey.core.internal.agent.WireRequest;
import dev.latchkey.core.internal.brokerapi.BrokerClients;
import dev.latchkey.core.config.LatchkeyDirectories;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.core.launch.BrokerSecretSource;
import dev.latchkey.core.launch.SecretSource;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the agent serves: one signed-in {@link Session} held in memory, one {@link BrokerClient}
 * over it, and the calls of protocol version 1 (docs/agent.md). The desktop app and the headless
 * {@code latchkey agent} both host it behind an {@link AgentServer}.
 *
 * <p>Values pass through and are never logged or kept (only their keyed fingerprints, by the leak
 * guard, as a launch alone records them); errors name references, never values.
 */
public final class AgentService {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /**
     * The longest the agent serves a session after it ended in the keychain without the agent being
     * told ({@code POST /v1/forget}): it looks at the keychain again at least this often.
     */
    public static final Duration SESSION_RECHECK = HeldToken.RECHECK;

    private final Session session;
    private final HeldToken token;
    private final BrokerClient broker;
    private final GuardScanCall guardScans;
    private final AgentApprovals approvals;
    private final AgentResolver resolver;
    private final ConfirmScopes confirm;
    private final Clock clock;
    private volatile AgentRefresher refresher;
    private volatile Path localConfig;
    private final long pid = ProcessHandle.current().pid();

    /** Serves {@code session} and records nothing; for tests and agents without a leak guard. */
    public AgentService(Session session, Clock clock) {
        this(session, clock, null, line -> { });
    }

    /**
     * Serves {@code session}; nothing is read from the keychain until the first call needs it.
     *
     * @param guard records the fingerprints of every value served (the clients then need not open
     *     the keychain for it); null records nothing
     * @param notices hears the guard's one-line notices (names only)
     */
    public AgentService(Session session, Clock clock, LeakGuard guard, Consumer<String> notices) {
        this(session, clock, guard, notices, AgentAudit.NONE);
    }

    /**
     * Serves {@code session} and records every read in {@code audit} (the process that asked, the
     * references, the decision and the grants used; never a value).
     */
    public AgentService(Session session, Clock clock, LeakGuard guard, Consumer<String> notices, AgentAudit audit) {
        this.session = session;
        this.token = new HeldToken(session, clock);
        this.broker = BrokerClients.create(session.brokerUrl(), token);
        SecretSource direct = new BrokerSecretSource(broker);
        SecretSource source = guard == null ? direct : guard.recording(direct, session.brokerUrl(), notices);
        this.guardScans = new GuardScanCall(guard);
        this.localConfig = LatchkeyDirectories.forCurrentUser().config();
        this.clock = clock;
        this.confirm = new ConfirmScopes(broker, () -> LocalConfirmScopes.read(localConfig), clock);
        this.approvals = new AgentApprovals(confirm, clock);
        this.resolver = new AgentResolver(source, approvals, audit);
    }

    /**
     * Who decides when a launch is about to read scopes that ask for confirmation: the desktop app
     * registers its prompt here. Without one (null, the headless agent) the caller asks in its own
     * terminal and says so; the agent never reads such a scope unasked.
     */
    public void approver(Approver approver) {
        approvals.approver(approver);
    }

    /**
     * The config folder whose {@code confirm-scopes} file lists the scopes the user marked on this
     * machine ({@link LocalConfirmScopes}); the current user's unless the host keeps its settings elsewhere.
     */
    public void localConfig(Path configFolder) {
        this.localConfig = configFolder;
    }

    /** How long the approver's prompt stands (60 s unless a test shortens it). */
    void approvalTimeout(Duration timeout) {
        approvals.timeout(timeout);
    }

    /**
     * Reads the session's token now, so an agent starts only for a live session and its first
     * client does not wait for the keychain; the leak guard's key and scanner warm up beside it.
     */
    public void warm() throws NotSignedInException {
        token.get();
        guardScans.warm();
        PeerProcess.warm();
    }

    /**
     * Starts reading the token and the scopes listing ahead of the calls that need them
     * ({@link AgentRefresher}); the {@link AgentServer} does this while it serves, and closes it.
     */
    AgentRefresher keepFresh() {
        AgentRefresher started = AgentRefresher.start(token, confirm, clock);
        refresher = started;
        return started;
    }

    /** The broker this agent serves. */
    public String broker() {
        return session.brokerUrl().toString();
    }

    /** How many times the agent read its access token afresh (each refresh included). */
    public long tokenReads() {
        return token.reads();
    }

    /**
     * Drops the session held in memory: the next call reads the keychain again and serves what it
     * holds then (nobody, after a sign-out: {@code not_signed_in}). Called for {@code POST /v1/forget}
     * and by a host that changed the session itself.
     */
    public void forget() {
        token.forget();
    }

    WireReply handle(WireRequest request, SocketChannel peer) throws AgentFailure {
        AgentRefresher r = refresher;
        if (r != null) {
            r.used();
        }
        String path = request.path();
        if (!path.startsWith("/v1/")) {
            if (path.matches("/v[0-9]+/.*")) {
                throw new AgentFailure(AgentError.UNSUPPORTED_VERSION, "this agent speaks protocol version 1 (/v1/...)");
            }
            throw new AgentFailure(AgentError.NOT_FOUND, "no such call; see docs/agent.md");
        }
        return switch (path) {
            case "/v1/hello" -> only("GET", request, () -> json(new AgentMessages.Hello(Wire.PROTOCOL, "latchkey", pid, broker())));
            case "/v1/status" -> only("GET", request, this::status);
            case "/v1/token" -> only("POST", request, () -> {
                checkBroker(read(request, AgentMessages.TokenCall.class).broker());
                String t = BrokerCall.answer(token::get);
                return json(new AgentMessages.TokenAnswer(t, token.expiresAt().toString()));
            });
            case "/v1/resolve" -> only("POST", request, () -> {
                AgentMessages.ResolveCall call = read(request, AgentMessages.ResolveCall.class);
                checkBroker(call.broker());
                return json(resolver.resolve(call, peer));
            });
            case "/v1/forget" -> only("POST", request, () -> {
                checkBroker(read(request, AgentMessages.ForgetCall.class).broker());
                forget();
                return json(new AgentMessages.Forgotten(true));
            });
            case GuardScanCall.PATH -> guardScans.handle(request);
            default -> throw new AgentFailure(AgentError.NOT_FOUND, "no call " + path + " in protocol version 1");
        };
    }

    private WireReply status() throws AgentFailure {
        Optional<User> user;
        Optional<Instant> expiry;
        try {
            user = session.currentUser();
            expiry = session.accessTokenExpiry();
        } catch (AuthException e) {
            throw new AgentFailure(AgentError.NOT_SIGNED_IN, e.getMessage());
        }
        StorageMode mode = session.storageMode();
        return json(new AgentMessages.Status(Wire.PROTOCOL, pid, broker(), user.isPresent(),
                user.map(User::name).orElse(null), user.map(User::email).orElse(null),
                expiry.map(Instant::toString).orElse(null),
                mode instanceof StorageMode.Keychain ? "keychain" : "memory-only", mode.describe(), token.reads()));
    }

    private void checkBroker(String asked) throws AgentFailure {
        if (asked == null || !trim(asked).equals(trim(broker()))) {
            throw new AgentFailure(AgentError.WRONG_BROKER, "this agent serves " + broker());
        }
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @FunctionalInterface
    private interface Answer {
        WireReply get() throws AgentFailure;
    }

    private static WireReply only(String method, WireRequest request, Answer answer) throws AgentFailure {
        if (!request.method().equals(method)) {
            throw new AgentFailure(AgentError.METHOD_NOT_ALLOWED, request.path() + " takes " + method);
        }
        return answer.get();
    }

    private static <T> T read(WireRequest request, Class<T> type) throws AgentFailure {
        if (request.body().length == 0) {
            throw new AgentFailure(AgentError.BAD_REQUEST, request.path() + " needs a JSON body");
        }
        try {
            T value = JSON.readValue(request.body(), type);
            if (value == null) {
                throw new AgentFailure(AgentError.BAD_REQUEST, "the body is null, not a JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new AgentFailure(AgentError.BAD_REQUEST, "the body is not the JSON " + request.path() + " takes: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new AgentFailure(AgentError.BAD_REQUEST, "the body cannot be read as JSON");
        }
    }

    static WireReply json(Object message) {
        try {
            return WireReply.json(JSON.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an agent message did not serialize", e);
        }
    }
}
