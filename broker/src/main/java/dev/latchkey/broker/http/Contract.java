package dev.latchkey.broker.http;

/**
 * The rules docs/broker-api.yaml states for text fields and parameters, in one place. The
 * document's {@code pattern}s are these expressions; ContractTest sends values on both sides of
 * each and checks that the broker and the document agree.
 */
final class Contract {

    /** A team, environment, secret or sandbox name. */
    static final String NAME = "[a-z0-9][a-z0-9._-]{0,62}";
    /** Short durations (90m, 1h30m, 2d) and ISO-8601 ones (PT1H30M, P1DT2H): whole units only. */
    static final String DURATION = "^([0-9]{1,5}d([0-9]{1,6}h)?([0-9]{1,7}m)?([0-9]{1,9}s)?"
            + "|[0-9]{1,6}h([0-9]{1,7}m)?([0-9]{1,9}s)?|[0-9]{1,7}m([0-9]{1,9}s)?|[0-9]{1,9}s"
            + "|P[0-9]{1,5}D(T([0-9]{1,6}H([0-9]{1,7}M)?([0-9]{1,9}S)?|[0-9]{1,7}M([0-9]{1,9}S)?|[0-9]{1,9}S))?"
            + "|PT([0-9]{1,6}H([0-9]{1,7}M)?([0-9]{1,9}S)?|[0-9]{1,7}M([0-9]{1,9}S)?|[0-9]{1,9}S))$";
    /** RFC 3339 date-time, as JSON Schema's {@code format: date-time} means it. */
    static final String DATE_TIME = "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?"
            + "([Zz]|[+-][0-9]{2}:[0-9]{2})$";

    private static final String NAME_SHAPE = "lower-case letters, digits, '.', '_' or '-' (at most 63), starting"
            + " with a letter or digit";

    static final TextRule TEAM = TextRule.of("team", 1, 63, "^" + NAME + "$", "'team' must be " + NAME_SHAPE,
            "give the team");
    static final TextRule ENV = TEAM.named("env", "'env' must be " + NAME_SHAPE, "give the environment");
    static final TextRule SECRET_NAME = TEAM.named("name", "a secret's name must be " + NAME_SHAPE,
            "give the secret's name");
    /** A request's or grant's id; an id of this form that names nothing is a 404. */
    static final TextRule ID = TextRule.of("id", 1, 64, "^[A-Za-z0-9_.-]+$",
            "'id' is a request's or grant's id, such as r_k3m9q2w8x4z7p5n6b2c8", "give the id");
    static final TextRule SCOPE = TextRule.of("scope", 3, 127, "^" + NAME + "/" + NAME + "$",
            "'scope' must be team/env, such as payments/staging: " + NAME_SHAPE, "name the scope, such as payments/staging");
    static final TextRule SECRETS = TEAM.named("secrets", "each of 'secrets' must be a secret's name: " + NAME_SHAPE,
            "leave out 'secrets' for the whole scope, or name secrets in it");
    static final TextRule JUSTIFICATION = TextRule.length("justification", 0, 1_000,
            "say why you need access in 'justification'");
    static final TextRule DURATION_FIELD = TextRule.of("duration", 2, 40, DURATION,
            "'duration' is not a duration; write it like 90m, 4h, 1h30m or PT1H (whole seconds)",
            "say how long in 'duration', such as 1h or PT30M");
    static final TextRule START_AT = TextRule.of("startAt", 20, 40, DATE_TIME,
            "'startAt' must be an ISO-8601 (RFC 3339) instant such as 2026-11-29T09:00:00Z",
            "leave out 'startAt' to start on approval");
    static final TextRule REASON = TextRule.length("reason", 0, 1_000, "");
    static final TextRule DENY_REASON = TextRule.of("reason", 1, 1_000, "\\S",
            "say why you deny it in 'reason': the requester reads it", "say why you deny it in 'reason': the requester reads it");
    static final TextRule SANDBOX = TextRule.of("sandbox", 1, 63, "^" + NAME + "$",
            "'sandbox' must be a sandbox's name: " + NAME_SHAPE, "give the sandbox's name in 'sandbox'");
    static final TextRule TTL = DURATION_FIELD.named("ttl", "'ttl' must be a duration such as 10m, 900s or PT15M",
            "leave out 'ttl' for the sandbox's longest");
    /** A value's limit in bytes is the real one (64 KiB of UTF-8); no longer text can keep it. */
    static final TextRule VALUE = TextRule.length("value", 1, Integer.MAX_VALUE, "give the secret's value in 'value'");
    static final TextRule REF = TextRule.length("refs", 0, 2_048, "give the references to resolve in 'refs'");
    static final TextRule TOKEN = TextRule.of("token", 1, 16_384, "\\S", "give the token to look up in 'token'",
            "give the token to look up in the form field 'token'");

    private Contract() {
    }
}
