package dev.latchkey.broker;

import java.util.List;
import java.util.Objects;

/**
 * How clients sign in at the IdP, and what the broker checks about the IdP before it serves.
 *
 * @param scopes the OAuth scopes clients ask for, space-separated ({@code /.well-known/latchkey}
 *     names them); {@code offline_access} is added by {@code offlineAccess}, never here
 * @param offlineAccess ask for {@code offline_access} too, when the IdP lists it: sessions that
 *     outlive the IdP's own session (the IdP must allow it for the client and the user)
 * @param check what a start does when the IdP does not fit (dev mode never checks: it is its own IdP)
 */
public record SignIn(String scopes, boolean offlineAccess, IdpCheck check) {

    /** What clients ask for unless the operator says otherwise: what every OIDC provider grants. */
    public static final String DEFAULT_SCOPES = "openid profile email";
    /** The scope that asks for a refresh token outliving the IdP's session. */
    public static final String OFFLINE_ACCESS = "offline_access";
    /** The defaults: no offline access, no check (the server binary turns the check on). */
    public static final SignIn DEFAULT = new SignIn(DEFAULT_SCOPES, false, IdpCheck.SKIP);

    public SignIn {
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(check, "check");
        List<String> words = List.of(scopes.strip().split("\\s+"));
        if (!words.contains("openid")) {
            throw new IllegalArgumentException("the sign-in scopes must include openid (clients need an ID token)");
        }
        if (words.contains(OFFLINE_ACCESS)) {
            throw new IllegalArgumentException("offline_access is not a scope to list; turn on offline access instead");
        }
        scopes = String.join(" ", words);
    }

    public SignIn withScopes(String value) {
        return new SignIn(value, offlineAccess, check);
    }

    public SignIn withOfflineAccess(boolean value) {
        return new SignIn(scopes, value, check);
    }

    public SignIn withCheck(IdpCheck value) {
        return new SignIn(scopes, offlineAccess, value);
    }
}
