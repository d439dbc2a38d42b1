-- Styret SFTP (EP_FS2). A notified file is kept as a file in the platform's folder, not in the database: its
-- forsendelse row has no payload but the original file name and file_ref, the name it was stored under (its
-- FileTransferUUID). A refused file (validation findings, negative kvittering) keeps its row in state REFUSED:
-- the same bytes again get the same answer, other bytes under the id are no conflict.
ALTER TABLE forsendelse ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE forsendelse ALTER COLUMN payload_key_id DROP NOT NULL;
ALTER TABLE forsendelse ADD COLUMN file_name varchar(255);
ALTER TABLE forsendelse ADD COLUMN file_ref varchar(64);

-- The durable state machine behind a notified file (ARCHITECTURE §4): MOVED -> VALIDATED -> KVITTERED ->
-- FORWARDED, or VALIDATED -> REFUSED (negative kvittering delivered; never forwarded). Every step is retried
-- with back-off (next_attempt_at) across restarts; an instance works on a row only while it holds its lease,
-- so several instances share the work without doing a step twice at once.
CREATE TABLE styret_transfer (
    file_transfer_uuid    uuid         PRIMARY KEY,
    hoved_indberetning_id varchar(16)  NOT NULL,
    content_sha256        char(64)     NOT NULL,
    system                varchar(32)  NOT NULL,
    file_name             varchar(255) NOT NULL,
    size_bytes            bigint       NOT NULL,
    state                 varchar(16)  NOT NULL,
    accepted              boolean,
    record_count          bigint,
    error_count           bigint,
    warning_count         bigint,
    error_messages        jsonb,
    attempts              integer      NOT NULL DEFAULT 0,
    next_attempt_at       timestamptz  NOT NULL,
    lease_until           timestamptz,
    last_failure          varchar(200),
    notified_at           timestamptz  NOT NULL,
    kvittering_at         timestamptz,
    forwarded_at          timestamptz,
    UNIQUE (hoved_indberetning_id, content_sha256)
);

CREATE INDEX styret_transfer_due ON styret_transfer (next_attempt_at)
    WHERE state IN ('MOVED', 'VALIDATED', 'KVITTERED');
