package dev.latchkey.core.internal.session;

import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.DeviceCodePrompt;
import dev.latchkey.core.auth.Pause;
import dev.latchkey.core.auth.SessionStorageException;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.internal.auth.TokenSet;
import dev.latchkey.core.keychain.CredentialStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The parts a session with one broker is made of (the IdP found through the broker, its device-flow
 * sign-ins, the vault in the keychain and the access tokens refreshed from it), wired together, with
 * the steps that span several of them. The public {@code Session} holds the API and its documentation
 * and hands each call to these; how the parts fit is machinery that may change, the API does not.
 */
public final class SessionParts {

    private final DiscoveredIdp idp;
    private final SignIns signIns;
    private final SessionVault vault;
    private final AccessTokens tokens;

    private SessionParts(DiscoveredIdp idp, SignIns signIns, SessionVault vault, AccessTokens tokens) {
        this.idp = idp;
        this.signIns = signIns;
        this.vault = vault;
        this.tokens = tokens;
    }

    /**
     * Wires a session's parts.
     *
     * @param open opens the credential store: called now, or for {@code oneCommand} on a thread of
     *     its own while the command does other start-up work ({@link SessionVault#forOneCommand})
     * @param oneCommand whether the process runs one command and ends, so each keychain entry may
     *     be read once and remembered in memory
     */
    public static SessionParts wire(URI broker, Clock clock, Duration callTimeout, Pause pause, Path lockDirectory,
            String localUser, Supplier<CredentialStore> open, boolean oneCommand) {
        DiscoveredIdp idp = new DiscoveredIdp(broker, callTimeout, clock);
        SignIns signIns = new SignIns(idp, clock, pause);
        SessionVault vault = oneCommand ? SessionVault.forOneCommand(open, broker, clock, localUser)
                : new SessionVault(open.get(), broker, clock, localUser);
        return new SessionParts(idp, signIns, vault, new AccessTokens(vault, idp, lockDirectory, broker, clock));
    }

    /** Where the session is kept (for its storage mode). */
    public CredentialStore store() {
        return vault.store();
    }

    /** The keychain for another reader in this process ({@link SessionVault#shared()}). */
    public CredentialStore sharedKeychain() {
        return vault.shared();
    }

    /** The broker's sessions in the keychain. */
    public SessionVault vault() {
        return vault;
    }

    /** The current account's access token, refreshed when it is about to expire. */
    public AccessTokens tokens() {
        return tokens;
    }

    /** Runs the device flow and, once the person approved, stores the sign-in as the current account. */
    public User signIn(Consumer<DeviceCodePrompt> prompt) throws AuthException {
        TokenSet signedIn = signIns.run(prompt);
        User user = signedIn.user().orElseThrow();
        vault.saveSignIn(user, signedIn);
        return user;
    }

    /** Stops a running {@link #signIn}. */
    public void cancelSignIn() {
        signIns.cancel();
    }

    /** The sandbox tokens kept beside the current account's session; empty when nobody is signed in. */
    public Optional<KeptSandboxTokens> keptSandboxTokens() throws SessionStorageException {
        return vault.read().map(s -> new KeptSandboxTokens(vault, s.user()));
    }

    /**
     * Revokes the current account's refresh token at the IdP when it can, then removes the
     * account's entries in every case, so that signing out ends the session on this machine even
     * when the IdP cannot be reached.
     *
     * @return whether the IdP confirmed the revocation
     */
    public boolean signOut() throws AuthException {
        Optional<StoredSession> stored = vault.read();
        boolean revoked = false;
        try {
            if (stored.isPresent() && stored.get().refreshToken().isPresent()) {
                revoked = idp.endpoint().revoke(stored.get().refreshToken().get());
            }
        } catch (AuthException unreachable) {
            revoked = false;
        } finally {
            vault.clear();
        }
        return revoked;
    }
}
