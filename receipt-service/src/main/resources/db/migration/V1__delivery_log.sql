-- The delivery log (ARCHITECTURE §4): one row per return document taken from eindkomst.retur. The row is
-- written before the file, so a redelivered message reuses the same file name instead of adding a second
-- file, and the pending notification survives restarts.
CREATE TABLE return_delivery (
    delivery_key       VARCHAR(200) PRIMARY KEY,   -- SkatMessageId, else _AMQ_DUPL_ID, else type + SHA-256
    hoved_id           VARCHAR(16)  NOT NULL,
    forsendelse_type   VARCHAR(20)  NOT NULL,
    case_system        VARCHAR(40),                -- null: quarantined
    file_name          VARCHAR(200) NOT NULL,
    size_bytes         BIGINT,
    state              VARCHAR(20)  NOT NULL,      -- WRITING, PENDING, DELIVERED, QUARANTINED
    file_transfer_uuid UUID         NOT NULL,
    attempts           INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at    TIMESTAMPTZ  NOT NULL,
    last_error         VARCHAR(200),
    created_at         TIMESTAMPTZ  NOT NULL,
    delivered_at       TIMESTAMPTZ
);
CREATE INDEX return_delivery_due ON return_delivery (next_attempt_at) WHERE state = 'PENDING';

-- Skattekort published to Beskedfordeler: BeskedId is deterministic, so this is the idempotency record.
CREATE TABLE skattekort_besked (
    besked_id       UUID         PRIMARY KEY,
    skat_message_id VARCHAR(200) NOT NULL,
    position        INTEGER      NOT NULL,
    case_system     VARCHAR(40)  NOT NULL,
    published_at    TIMESTAMPTZ  NOT NULL
);

-- Retention warnings already sent, per file version (path + modification time).
CREATE TABLE retention_warning (
    path        VARCHAR(500) NOT NULL,
    modified_at TIMESTAMPTZ  NOT NULL,
    warned_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (path, modified_at)
);
