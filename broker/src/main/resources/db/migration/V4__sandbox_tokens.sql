-- The broker's token-signing keys: the private JWK sealed by the master key (AES-GCM, bound
-- to the key id), so a stolen database alone cannot mint sandbox tokens.
CREATE TABLE signing_keys (
    kid         VARCHAR(100)  PRIMARY KEY,
    sealed_jwk  VARCHAR(4000) NOT NULL,
    created_at  BIGINT        NOT NULL
);

-- Every sandbox token minted, without the token itself: enough to answer introspection
-- (whose access it rides on) and to count mints.
CREATE TABLE sandbox_tokens (
    jti         VARCHAR(64)   PRIMARY KEY,
    subject     VARCHAR(200)  NOT NULL,
    username    VARCHAR(200)  NOT NULL,
    groups_csv  VARCHAR(4000) NOT NULL,
    client_id   VARCHAR(200)  NOT NULL,
    team        VARCHAR(100)  NOT NULL,
    env         VARCHAR(100)  NOT NULL,
    sandbox     VARCHAR(100)  NOT NULL,
    issued_at   BIGINT        NOT NULL,
    expires_at  BIGINT        NOT NULL
);
CREATE INDEX sandbox_tokens_expires ON sandbox_tokens (expires_at);
