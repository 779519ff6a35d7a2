package dev.latchkey.broker.identity;

import java.util.Set;

/**
 * Who is calling, as their validated access token says.
 *
 * @param subject the token's {@code sub}
 * @param username a name for people ({@code preferred_username}, else {@code sub})
 * @param groups the groups from the configured groups claim
 * @param clientId the client the token was issued to ({@code azp}, else the broker's client id)
 */
public record Caller(String subject, String username, Set<String> groups, String clientId) {

    public Caller {
        groups = Set.copyOf(groups);
    }
}
