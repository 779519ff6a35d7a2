package dev.latchkey.broker.devidp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A person the development identity provider can sign in.
 *
 * @param username the {@code preferred_username} and the value the verification form posts
 * @param name display name
 * @param email email address (always verified: the demo organisation invented it)
 * @param groups the {@code groups} claim
 */
public record DemoUser(String username, String name, String email, List<String> groups) {

    public DemoUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        groups = List.copyOf(groups);
    }

    /** A stable subject: the same user gets the same {@code sub} in every run, like a real IdP. */
    public String subject() {
        return UUID.nameUUIDFromBytes(("latchkey-dev-idp:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
