package dev.latchkey.core.auth;

import java.util.List;
import java.util.Objects;

/**
 * Who is signed in, from the ID token's claims.
 *
 * @param subject the IdP's stable id for the person ({@code sub})
 * @param name a display name ({@code name}, else {@code preferred_username}, else the subject)
 * @param email the e-mail address, or empty when the IdP did not share one
 * @param groups the groups the IdP put in the token, in its order
 */
public record User(String subject, String name, String email, List<String> groups) {

    public User {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        groups = List.copyOf(groups);
    }
}
