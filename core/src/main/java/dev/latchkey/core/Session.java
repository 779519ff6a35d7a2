package dev.latchkey.core;

import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.Pause;
import dev.latchkey.core.auth.SignInRequiredException;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.config.LatchkeyDirectories;
import dev.latchkey.core.internal.auth.SecureUrl;
import dev.latchkey.core.internal.http.HttpSetup;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.internal.launch.offline.OfflineSandboxSource;
import dev.latchkey.core.internal.session.SessionParts;
import dev.latchkey.core.internal.session.StoredSession;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainPromptListener;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A person's session with one broker: what the app and the CLI use to sign in, learn who is
 * signed in, get an access token for broker calls, and sign out.
 *
 * <p>Build one with {@link #builder(URI)} (tests inject a store, clock and pause) or take the
 * defaults with {@link Latchkey#session(URI)}. Sessions are safe for use by several threads;
 * several sessions (in this or other processes) for the same broker share what the keychain
 * holds and refresh at most once at a time.
 *
 * <p>Every failure is an {@link AuthException} subclass with a message a person can act on;
 * no message names a token.
 */
public final class Session implements AutoCloseable {

    private final URI broker;
    private final Clock clock;
    private final SessionParts parts;
    private final boolean ownKeychain;

    private Session(Builder b) {
        this.broker = b.broker;
        this.clock = b.clock;
        this.ownKeychain = b.store == null;
        // One command's keychain skips asking which program keeps it, so its first read comes sooner.
        Supplier<CredentialStore> open = b.store != null ? () -> b.store
                : b.oneCommand ? KeychainProbe.opensForReads(KeychainProbe.DEFAULT_BOUND, b.prompts)
                : () -> KeychainProbe.open(KeychainProbe.DEFAULT_BOUND, b.prompts);
        this.parts = SessionParts.wire(broker, clock, b.callTimeout, b.pause, b.lockDirectory, b.localUser, open, b.oneCommand);
        if (b.oneCommand) {
            // Its broker calls wait for the keychain; OkHttp's set-up runs meanwhile, beside the keychain's opening.
            HttpSetup.startAhead();
        }
    }

    /** A builder for a session with the broker at {@code broker} (https, or http on loopback). */
    public static Builder builder(URI broker) {
        return new Builder(broker);
    }

    /** The broker this session belongs to. */
    public URI brokerUrl() {
        return broker;
    }

    /**
     * Signs in with the device flow, blocking until the person approves or declines in the
     * browser, the code expires, or {@link #cancelSignIn()} is called. On success the session
     * replaces any earlier one for this broker.
     *
     * @param listener shown the code and link before polling starts
     * @return who signed in
     * @throws dev.latchkey.core.auth.SignInDeniedException when the person declined
     * @throws dev.latchkey.core.auth.SignInExpiredException when the code expired first
     * @throws dev.latchkey.core.auth.SignInCancelledException when cancelled
     */
    public User signIn(SignInListener listener) throws AuthException {
        User user = parts.signIn(listener::showCode);
        listener.signedIn(user);
        return user;
    }

    /** Stops a running {@link #signIn}; it ends with {@link dev.latchkey.core.auth.SignInCancelledException}. */
    public void cancelSignIn() {
        parts.cancelSignIn();
    }

    /** Who is signed in, from the keychain without any network call; empty when nobody is. */
    public Optional<User> currentUser() throws AuthException {
        return parts.vault().read().map(StoredSession::user);
    }

    /**
     * The accounts stored for this broker that this local user signed in with and has not signed
     * out of, oldest first; {@link #currentUser()} is one of them.
     */
    public List<User> accounts() throws AuthException {
        return parts.vault().accounts();
    }

    /**
     * Switches to another stored account, without a new sign-in.
     *
     * @param who the account's e-mail address, name or IdP subject (case does not matter)
     * @return the account now in use
     * @throws SignInRequiredException when no stored account, or more than one, answers to {@code who}
     */
    public User useAccount(String who) throws AuthException {
        return parts.vault().useAccount(who);
    }

    /**
     * A valid access token for the broker, refreshed first when it is about to expire.
     *
     * @throws SignInRequiredException when nobody is signed in or the IdP ended the session
     */
    public String accessToken() throws AuthException {
        return parts.tokens().current();
    }

    /** When the stored access token expires, if one is stored (for the expiry monitor). */
    public Optional<Instant> accessTokenExpiry() throws AuthException {
        return parts.vault().read().filter(s -> s.accessToken().isPresent()).map(StoredSession::accessExpiresAt);
    }

    /**
     * This session as the broker client's token source. Failures become
     * {@link NotSignedInException} with the same message and the failure as its cause, so the
     * person sees why and an unreachable IdP or a locked keychain is not mistaken for an ended session.
     */
    public BearerToken bearerToken() {
        return () -> {
            try {
                return accessToken();
            } catch (AuthException e) {
                throw new NotSignedInException(e.getMessage(), e);
            }
        };
    }

    /**
     * A client for this session's broker that calls with this session's token ({@link #bearerToken()}),
     * refreshed as needed. Each call builds a new client; keep the one you use.
     */
    public BrokerClient brokerClient() {
        return Latchkey.brokerClient(brokerUrl(), bearerToken());
    }

    /** Where the session is kept: the OS keychain or memory only. Show it when memory-only. */
    public StorageMode storageMode() {
        return parts.store().mode();
    }

    /**
     * The OS keychain this session opened, for another part of the same process that reads it
     * (the leak guard's key, {@link dev.latchkey.core.guard.LeakGuard#recordingOneLaunch}), so the
     * process keeps one connection to it; empty when the session was given its store. A
     * one-command session's waits on each call until the session has read its own entries.
     */
    public Optional<CredentialStore> sharedKeychain() {
        return ownKeychain ? Optional.of(parts.sharedKeychain()) : Optional.empty();
    }

    /**
     * {@code broker} with offline launches of sandbox tokens: every sandbox token it mints is kept
     * in the keychain beside the current account's session until the token expires (never in a
     * file; signing out removes them). When the broker cannot be reached (nor the IdP, when the
     * access token needs renewing), a launch that needs only sandbox tokens starts with kept ones
     * that are still valid, and its {@link Resolution.Granted#offline()} says so, with each
     * token's age; a launch that also
     * needs a secret value still fails, since values are never kept. When no valid token is kept
     * for a sandbox, it fails with a {@link dev.latchkey.core.brokerapi.BrokerUnreachableException}
     * saying which. With nobody signed in here nothing is kept, and the broker's failure stands.
     *
     * <p>A kept token cannot be shortened: asked for a shorter lifetime than it has left, the
     * launch is given it with its expiry moved to the end of the lifetime asked for, so the
     * launch's on-expiry rule acts then (the sandbox accepts it until its own expiry).
     *
     * @param notices told, in words without any token, when a minted token could not be kept
     */
    public SecretSource keepingSandboxTokens(SecretSource broker, Consumer<String> notices) {
        return new OfflineSandboxSource(broker, parts::keptSandboxTokens, clock, notices);
    }

    /**
     * Signs out of the current account: revokes its refresh token at the IdP when it supports
     * revocation, then removes every entry of its session from the keychain. The entries are
     * removed even when the IdP cannot be reached, so signing out always ends the session on this
     * machine. Other stored accounts stay.
     *
     * @return whether the IdP confirmed the revocation (false when it has no revocation endpoint
     *     or could not be reached)
     */
    public boolean signOut() throws AuthException {
        return parts.signOut();
    }

    /** Cancels a running sign-in. The stored session stays. */
    @Override
    public void close() {
        cancelSignIn();
    }

    /** Builds a {@link Session}; every part has a production default. */
    public static final class Builder {

        private final URI broker;
        private CredentialStore store;
        private KeychainPromptListener prompts = KeychainPromptListener.NONE;
        private Clock clock = Clock.systemUTC();
        private Pause pause;
        private Duration callTimeout = Duration.ofSeconds(15);
        private Path lockDirectory = LatchkeyDirectories.forCurrentUser().runtime();
        private String localUser = System.getProperty("user.name", "");
        private boolean oneCommand;

        private Builder(URI broker) {
            Objects.requireNonNull(broker, "broker");
            String text = broker.toString();
            this.broker = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        }

        /** Where credentials are kept; by default the OS keychain, or memory when {@link KeychainProbe} finds none. */
        public Builder credentialStore(CredentialStore value) {
            this.store = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Hears when the keychain shows a prompt (unlock, access) that Latchkey waits for, so the
         * person is told; only used with the default store.
         */
        public Builder keychainPrompts(KeychainPromptListener value) {
            this.prompts = Objects.requireNonNull(value);
            return this;
        }

        /** The only source of time (token expiry, code expiry). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** How the device flow waits between polls; tests pass one that moves their clock. */
        public Builder pause(Pause value) {
            this.pause = Objects.requireNonNull(value);
            return this;
        }

        /** The bound on each HTTP call to the broker or IdP. */
        public Builder callTimeout(Duration value) {
            this.callTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** Where the refresh lock file lives (it holds no secret); tests use a temporary folder. */
        public Builder lockDirectory(Path value) {
            this.lockDirectory = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The local (OS) account whose current session this is; by default the one running this
         * process. People sharing one keychain keep their sessions apart by it.
         */
        public Builder localUser(String value) {
            this.localUser = Objects.requireNonNull(value);
            return this;
        }

        /**
         * For a process that runs one command and ends, such as the CLI: the keychain is opened, and
         * the current account's session read, on a thread of their own while the command does other
         * start-up work; each keychain entry is then read once and kept in memory (never anywhere
         * else) for the rest of the process, so the parts of the command that read the session share
         * one read. A refresh still re-reads the keychain under its lock, and a switch or sign-out
         * reads it again first; but the session does not see another process's sign-out or switch,
         * so a long-lived process (the app, the agent) does not use this.
         */
        public Builder oneCommand() {
            this.oneCommand = true;
            return this;
        }

        /**
         * The session. Without an explicit store this probes the keychain (bounded in time).
         *
         * @throws IllegalArgumentException when the broker URL is neither https nor loopback http
         */
        public Session build() {
            try {
                SecureUrl.check("the broker URL", broker.toString());
            } catch (AuthException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return new Session(this);
        }
    }
}
