package dev.latchkey.broker.devidp;

import java.util.List;
import java.util.Optional;

/** The demo organisation's people, matching the groups the dev policy grants access to. */
public final class DevUsers {

    /** Every demo user, in the order the verification page shows them. */
    public static final List<DemoUser> ALL = List.of(
            new DemoUser("ada", "Ada Lovelace", "ada@example.com", List.of("payments-dev")),
            new DemoUser("grace", "Grace Hopper", "grace@example.com", List.of("payments-dev", "payments-leads")),
            new DemoUser("linus", "Linus Torvalds", "linus@example.com", List.of("search-dev")),
            new DemoUser("root", "Root Admin", "root@example.com", List.of("latchkey-admins")));

    private DevUsers() {
    }

    /** The demo user with this username, if there is one. */
    public static Optional<DemoUser> find(String username) {
        return ALL.stream().filter(user -> user.username().equals(username)).findFirst();
    }
}
