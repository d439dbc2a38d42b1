-- Retention of the Styret SFTP areas (service-support's RetentionJob, as in receipt-service): one row per file
-- version (path + modification time) a warning was sent for, so each version is warned about once.
CREATE TABLE retention_warning (
    path        VARCHAR(500) NOT NULL,
    modified_at TIMESTAMPTZ  NOT NULL,
    warned_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (path, modified_at)
);
