-- Portable SQL: runs on H2 and PostgreSQL alike. Instants are epoch milliseconds,
-- binary data is base64 text, so no engine-specific types are needed.

CREATE TABLE broker_meta (
    meta_key   VARCHAR(100) PRIMARY KEY,
    meta_value VARCHAR(4000) NOT NULL
);

-- One row per secret: its data key, wrapped by the master key.
CREATE TABLE secrets (
    team            VARCHAR(100) NOT NULL,
    env             VARCHAR(100) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    wrapped_key     VARCHAR(400) NOT NULL,
    current_version INTEGER      NOT NULL,
    created_at      BIGINT       NOT NULL,
    PRIMARY KEY (team, env, name)
);

-- Every value ever set: base64 of a fresh 12-byte IV and the AES-256-GCM ciphertext under
-- the secret's data key.
CREATE TABLE secret_versions (
    team       VARCHAR(100)   NOT NULL,
    env        VARCHAR(100)   NOT NULL,
    name       VARCHAR(200)   NOT NULL,
    version    INTEGER        NOT NULL,
    ciphertext VARCHAR(200000) NOT NULL,
    created_at BIGINT         NOT NULL,
    created_by VARCHAR(200)   NOT NULL,
    PRIMARY KEY (team, env, name, version)
);

-- The head of the audit chain: one row, locked while a row is appended so the chain stays
-- linear even with several broker replicas on one database.
CREATE TABLE audit_head (
    id   INTEGER     PRIMARY KEY,
    seq  BIGINT      NOT NULL,
    hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    seq       BIGINT       PRIMARY KEY,
    at_ms     BIGINT       NOT NULL,
    actor     VARCHAR(200) NOT NULL,
    client    VARCHAR(200) NOT NULL,
    action    VARCHAR(50)  NOT NULL,
    target    VARCHAR(500) NOT NULL,
    outcome   VARCHAR(50)  NOT NULL,
    detail    VARCHAR(1000) NOT NULL,
    prev_hash VARCHAR(64)  NOT NULL,
    hash      VARCHAR(64)  NOT NULL
);
