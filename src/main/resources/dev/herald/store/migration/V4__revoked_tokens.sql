-- Sessions signed out before their expiry (one node, or a cluster's shared database): a row
-- lives until the token would have expired by itself.
CREATE TABLE herald_revoked_tokens (
    token_id   VARCHAR(128) PRIMARY KEY,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX herald_revoked_tokens_expiry ON herald_revoked_tokens (expires_at);
