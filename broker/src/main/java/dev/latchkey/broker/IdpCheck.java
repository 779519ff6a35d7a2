package dev.latchkey.broker;

/** What a broker does at start when its IdP does not fit: see {@link dev.latchkey.broker.identity.IssuerCheck}. */
public enum IdpCheck {
    /** Do not check (embedding and tests with stand-in issuers). */
    SKIP,
    /** Refuse to start, saying what is wrong. */
    REQUIRE,
    /** Refuse to start when the IdP answers wrongly; start with a loud warning when it does not answer at all. */
    WARN_IF_UNREACHABLE
}
