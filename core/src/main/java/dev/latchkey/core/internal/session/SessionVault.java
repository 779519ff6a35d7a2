package dev.latchkey.core.internal.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.SessionStorageException;
import dev.latchkey.core.auth.SignInRequiredException;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.internal.auth.TokenSet;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The layout of one broker's sessions in a {@link CredentialStore}. Every entry sits under the
 * service {@code latchkey:<broker URL>}; each account's entries are keyed by its IdP subject:
 * <ul>
 *   <li>{@code <subject>/refresh-token}: the refresh token,</li>
 *   <li>{@code <subject>/access-token}: the access token and its expiry,</li>
 *   <li>{@code <subject>/user}: the ID token's claims,</li>
 *   <li>{@code <subject>/short-lived}: short-lived credentials by name, each with its expiry,</li>
 * </ul>
 * and {@link LocalAccounts} says which of them the local user is using. Several accounts (one
 * person's, or several local users' sharing a keychain) live side by side; signing in adds one,
 * signing out removes only the current one. Entries whose expiry has passed are dropped on read.
 */
public final class SessionVault {

    static final String REFRESH = "refresh-token";
    static final String ACCESS = "access-token";
    static final String USER = "user";
    private static final List<String> ITEMS = List.of(REFRESH, ACCESS, USER, ShortLivedItems.ITEM);

    private final CredentialStore store;
    private final URI broker;
    private final Clock clock;
    private final LocalAccounts accounts;
    private final ShortLivedItems shortLived;
    // Set for one command's vault: its reads are remembered, and forgotten where they must be fresh.
    private final RememberedReads remembered;
    // What another reader in this process is given of the keychain (SharedKeychain); the store itself unless set.
    private CredentialStore shared;

    /** The sessions of the local user running this process ({@code user.name}). */
    public SessionVault(CredentialStore store, URI broker, Clock clock) {
        this(store, broker, clock, System.getProperty("user.name", ""));
    }

    /**
     * @param localUser the local (OS) account whose current session this vault reads and writes;
     *     others sharing the keychain keep theirs
     */
    public SessionVault(CredentialStore store, URI broker, Clock clock, String localUser) {
        this(store, null, broker, clock, localUser);
    }

    private SessionVault(CredentialStore store, RememberedReads remembered, URI broker, Clock clock, String localUser) {
        this.store = store;
        this.remembered = remembered;
        this.broker = broker;
        this.clock = clock;
        this.accounts = new LocalAccounts(store, broker, localUser);
        this.shortLived = new ShortLivedItems(store, broker, clock);
        this.shared = store;
    }

    /**
     * The vault of a process that runs one command and ends (the CLI): {@code open} opens the store
     * on a thread of its own, which then reads the current session ahead (its entries side by side)
     * while the command does other start-up work; the command's own calls wait for that read ahead,
     * so they never race it entry by entry. Every entry is read from the keychain once and
     * remembered in memory for the rest of the process (never written anywhere), except where it
     * must be fresh: a refresh re-reads under its lock ({@link #readFresh()}), a switch or sign-out
     * reads again first.
     */
    public static SessionVault forOneCommand(Supplier<CredentialStore> open, URI broker, Clock clock, String localUser) {
        OpeningStore opening = new OpeningStore(open);
        RememberedReads remembered = new RememberedReads(opening);
        CompletableFuture<Void> readAhead = new CompletableFuture<>();
        SessionVault ahead = new SessionVault(remembered, remembered, broker, clock, localUser);
        SessionVault vault = new SessionVault(new SharedKeychain(remembered, readAhead), remembered, broker, clock, localUser);
        vault.shared = new SharedKeychain(opening, readAhead);
        opening.start(new SessionReadAhead(remembered, broker, localUser, ahead, readAhead));
        return vault;
    }

    /** Where this vault keeps the sessions (for its storage mode). */
    public CredentialStore store() {
        return store;
    }

    /**
     * The keychain for another reader in this process (the leak guard's key): for one command's
     * vault, calls wait until the session's own entries were read ahead, then go to the keychain
     * past this vault's remembered reads.
     */
    public CredentialStore shared() {
        return shared;
    }

    /**
     * The same as {@link #read()}, asking the keychain again for what this vault remembers: for
     * a refresh under its lock, where another process may have just written new tokens.
     */
    public Optional<StoredSession> readFresh() throws SessionStorageException {
        forgetRemembered();
        return read();
    }

    private void forgetRemembered() {
        if (remembered != null) {
            remembered.forget();
        }
    }

    /** The current account's session, or empty when this local user is signed in to this broker with none. */
    public Optional<StoredSession> read() throws SessionStorageException {
        try {
            Optional<String> subject = accounts.current();
            if (subject.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> userJson = store.read(key(subject.get(), USER));
            if (userJson.isEmpty()) {
                return Optional.empty();
            }
            User user = UserEntry.decode(userJson.get());
            Optional<String> refresh = store.read(key(subject.get(), REFRESH));
            Optional<String> access = Optional.empty();
            Instant expiresAt = Instant.EPOCH;
            Optional<String> accessJson = store.read(key(subject.get(), ACCESS));
            if (accessJson.isPresent()) {
                AccessEntry a = AccessEntry.decode(accessJson.get());
                expiresAt = a.expiresAt();
                if (clock.instant().isBefore(expiresAt) && a.token() != null) {
                    access = Optional.of(a.token());
                }
            }
            return Optional.of(new StoredSession(user, refresh, access, expiresAt));
        } catch (KeychainException e) {
            throw new SessionStorageException(e.getMessage(), e);
        } catch (IOException e) {
            throw new SessionStorageException("the session stored in the keychain for " + broker
                    + " cannot be read; sign out and sign in again", e);
        }
    }

    /**
     * Stores a fresh sign-in and makes it the current account. Other accounts stored for this
     * broker stay, so switching back needs no new sign-in.
     */
    public void saveSignIn(User user, TokenSet tokens) throws SessionStorageException {
        try {
            // Tokens first, the pointer last: a reader never finds a user without tokens.
            writeTokens(user.subject(), tokens);
            store.write(key(user.subject(), USER), UserEntry.encode(user));
            accounts.use(user.subject());
        } catch (KeychainException e) {
            throw new SessionStorageException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a user as JSON", e);
        }
    }

    /** The accounts stored for this broker that the local user signed in with, oldest first. */
    public List<User> accounts() throws SessionStorageException {
        try {
            List<User> out = new ArrayList<>();
            for (String subject : accounts.subjects()) {
                storedUser(subject).ifPresent(out::add);
            }
            return out;
        } catch (KeychainException e) {
            throw new SessionStorageException(e.getMessage(), e);
        }
    }

    /**
     * Makes the stored account {@code subject} the current one.
     *
     * @return whether it is stored (and now current)
     */
    public boolean use(String subject) throws SessionStorageException {
        forgetRemembered();
        try {
            if (!accounts.subjects().contains(subject) || storedUser(subject).isEmpty()) {
                return false;
            }
            accounts.use(subject);
            return true;
        } catch (KeychainException e) {
            throw new SessionStorageException(e.getMessage(), e);
        }
    }

    /**
     * Makes the one stored account that answers to {@code who} (its e-mail address, name or IdP
     * subject, case aside) the current one.
     *
     * @throws SignInRequiredException when no stored account, or more than one, answers to it
     */
    public User useAccount(String who) throws AuthException {
        String wanted = who.strip();
        List<User> matching = accounts().stream()
                .filter(u -> u.subject().equals(wanted) || u.email().equalsIgnoreCase(wanted)
                        || u.name().equalsIgnoreCase(wanted))
                .toList();
        if (matching.size() != 1) {
            throw new SignInRequiredException((matching.isEmpty() ? "no account '" + wanted + "' is"
                    : matching.size() + " accounts called '" + wanted + "' are") + " stored for " + broker
                    + (matching.isEmpty() ? "; sign in with it once, then switch" : "; name it by its e-mail address"));
        }
        use(matching.getFirst().subject());
        return matching.getFirst();
    }

    /** Stores refreshed tokens; a rotated refresh token replaces the old one. */
    public void saveRefresh(User user, TokenSet tokens) throws SessionStorageException {
        try {
            writeTokens(user.subject(), tokens);
        } catch (KeychainException e) {
            throw new SessionStorageException(e.getMessage(), e);
        }
    }

    /** Removes every entry of the current account's session; other accounts stay. */
    public void clear() throws SessionStorageException {
        forgetRemembered();
        try {
            Optional<String> subject = accounts.current();
            if (subject.isPresent()) {
                clear(subject.get());
                accounts.forget(subject.get());
            }
        } catch (KeychainException e) {
            throw new SessionStorageException(e.getMessage(), e);
        }
    }

    /**
     * Keeps a short-lived credential (such as a sandbox token) until {@code expiresAt}.
     *
     * @param name a name, not a value, such as {@code sandbox:payments-dev}
     */
    public void putShortLived(User user, String name, String value, Instant expiresAt) throws SessionStorageException {
        try {
            shortLived.put(user.subject(), name, value, expiresAt);
        } catch (KeychainException e) {
            throw new SessionStorageException(e.getMessage(), e);
        }
    }

    /** A short-lived credential that has not expired yet. */
    public Optional<String> shortLived(User user, String name) throws SessionStorageException {
        try {
            return shortLived.get(user.subject(), name);
        } catch (KeychainException e) {
            throw new SessionStorageException(e.getMessage(), e);
        }
    }

    private void writeTokens(String subject, TokenSet tokens) throws KeychainException {
        if (tokens.refreshToken().isPresent()) {
            store.write(key(subject, REFRESH), tokens.refreshToken().get());
        }
        ObjectNode access = SessionJson.MAPPER.createObjectNode()
                .put("token", tokens.accessToken())
                .put("expiresAt", tokens.expiresAt().getEpochSecond());
        store.write(key(subject, ACCESS), access.toString());
    }

    private void clear(String subject) throws KeychainException {
        for (String item : ITEMS) {
            store.delete(key(subject, item));
        }
    }

    private Optional<User> storedUser(String subject) throws KeychainException {
        Optional<String> json = store.read(key(subject, USER));
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UserEntry.decode(json.get()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private CredentialKey key(String subject, String item) {
        return CredentialKey.of(broker, subject, item);
    }
}
