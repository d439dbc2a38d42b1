-- Every accepted forsendelse, stored before the caller hears "accepted" (ARCHITECTURE §5). One row per
-- HovedIndberetningID and content: an exact resend finds its row; a different content under a known id is
-- refused or, when configured to pass through, kept as a row of its own.
CREATE TABLE forsendelse (
    hoved_indberetning_id varchar(16)  NOT NULL,
    content_sha256        char(64)     NOT NULL,
    system                varchar(32)  NOT NULL,
    channel               varchar(8)   NOT NULL,
    se_nummer             varchar(8),
    size_bytes            bigint       NOT NULL,
    record_count          bigint       NOT NULL,
    error_count           bigint       NOT NULL,
    warning_count         bigint       NOT NULL,
    received_at           timestamptz  NOT NULL,
    queued_at             timestamptz,
    state                 varchar(16)  NOT NULL,
    payload               bytea        NOT NULL,
    PRIMARY KEY (hoved_indberetning_id, content_sha256)
);

CREATE INDEX forsendelse_by_system ON forsendelse (system, received_at);
