package dev.latchkey.broker.identity;

import java.util.Set;

/**
 * Who is calling, as their validated access token says.
 *
 * @param subject the token's {@code sub}
 * @param username the account's short name ({@code preferred_username}, else {@code sub})
 * @param name the person's name for people ({@code name}, else the username)
 * @param groups the groups from the configured groups claim
 * @param clientId the client the token was issued to ({@code azp}, else the broker's client id)
 */
public record Caller(String subject, String username, String name, Set<String> groups, String clientId) {

    public Caller {
        if (name == null || name.isBlank()) {
            name = username;
        }
        groups = Set.copyOf(groups);
    }

    /** A caller whose name for people is their username. */
    public Caller(String subject, String username, Set<String> groups, String clientId) {
        this(subject, username, username, groups, clientId);
    }
}
