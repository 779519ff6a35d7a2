package dev.latchkey.core.internal.session;

import dev.latchkey.core.auth.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A session as the keychain holds it. {@link #toString()} names no token.
 *
 * @param user who is signed in
 * @param refreshToken the refresh token, when the IdP issued one
 * @param accessToken the last access token, when one is stored and not yet expired
 * @param accessExpiresAt when {@code accessToken} expires
 */
public record StoredSession(User user, Optional<String> refreshToken, Optional<String> accessToken,
        Instant accessExpiresAt) {

    /** Whether the access token is there and still good for at least {@code margin} after {@code now}. */
    public boolean accessUsableAt(Instant now, Duration margin) {
        return accessToken.isPresent() && now.plus(margin).isBefore(accessExpiresAt);
    }

    @Override
    public String toString() {
        return "StoredSession[user=" + user.subject() + ", refreshToken=" + (refreshToken.isPresent() ? "(hidden)" : "none")
                + ", accessToken=" + (accessToken.isPresent() ? "(hidden)" : "none") + ", accessExpiresAt="
                + accessExpiresAt + "]";
    }
}
