package dev.latchkey.core.brokerapi;

import java.util.List;

/** The signed-in user as the broker sees them: {@code GET /v1/me}. */
public record Me(String subject, String name, List<String> groups, List<Grant> grants) {

    public Me {
        groups = List.copyOf(groups);
        grants = List.copyOf(grants);
    }
}
