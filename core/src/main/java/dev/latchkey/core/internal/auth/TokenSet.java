package dev.latchkey.core.internal.auth;

import dev.latchkey.core.auth.User;
import java.util.Objects;
import java.util.Optional;
import java.time.Instant;

/**
 * What a token endpoint handed out. {@link #toString()} names no token, so a set that lands
 * in a log or an exception by mistake leaks nothing.
 *
 * @param accessToken the bearer token for the broker
 * @param expiresAt when the access token stops working, by this machine's clock: the time it
 *     arrived plus the IdP's {@code expires_in}, so a skewed clock does not shorten or stretch it
 * @param refreshToken a new refresh token, when the IdP issued (or rotated) one
 * @param user who signed in, when an ID token came with the answer
 */
public record TokenSet(String accessToken, Instant expiresAt, Optional<String> refreshToken, Optional<User> user) {

    public TokenSet {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(user, "user");
    }

    @Override
    public String toString() {
        return "TokenSet[accessToken=(hidden), expiresAt=" + expiresAt + ", refreshToken="
                + (refreshToken.isPresent() ? "(hidden)" : "none") + ", user=" + user.map(User::subject).orElse("none") + "]";
    }
}
