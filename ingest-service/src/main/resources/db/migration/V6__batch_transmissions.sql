-- The Belgian batch channel's outgoing side (README "Belgian batch channel: ACRF, routing, answers").

-- Every sequence number the platform (sender 999999) used on the files it writes into a channel's OUT/OUTTEST:
-- ACRFs and answer files alike, unique per creation date and environment (SPEC §5.2). Allocated once, inside
-- the transaction that stores the transmission or answer it names, and never reused (contracts'
-- SequenceAllocator continues after the highest one).
CREATE TABLE batch_sequence (
    creation_date date        NOT NULL,
    environment   char(1)     NOT NULL,
    sequence      varchar(5)  NOT NULL,
    purpose       varchar(4)  NOT NULL,
    allocated_at  timestamptz NOT NULL,
    PRIMARY KEY (creation_date, environment, sequence)
);

-- One row per checked transmission (or per set of files that form none), from the first TransmissionChecked:
-- RECEIVED -> ACRF_WRITTEN -> ROUTED -> ARCHIVED (a negative one skips ROUTED). The verdict and the ACRF name
-- are fixed by the first event, so a re-fired event after a restart rewrites the same ACRF and routes once.
-- transmission_key is the transmission id (elements 2-6) or, for files that form none, "files:" and the
-- SHA-256 of their sorted names; generation counts resends of the same key after an earlier one was archived.
CREATE TABLE batch_transmission (
    id               bigserial    PRIMARY KEY,
    channel_user     varchar(64)  NOT NULL,
    folder           varchar(8)   NOT NULL,
    transmission_key varchar(80)  NOT NULL,
    generation       integer      NOT NULL,
    transmission_id  varchar(40),
    purpose          varchar(4),
    environment      char(1)      NOT NULL,
    mandant          varchar(10),
    file_names       jsonb        NOT NULL,
    positive         boolean      NOT NULL,
    findings         jsonb        NOT NULL,
    acrf_date        date         NOT NULL,
    acrf_sequence    varchar(5)   NOT NULL,
    acrf_name        varchar(64)  NOT NULL,
    state            varchar(16)  NOT NULL,
    received_at      timestamptz  NOT NULL,
    acrf_written_at  timestamptz,
    routed_at        timestamptz,
    archived_at      timestamptz,
    UNIQUE (channel_user, folder, transmission_key, generation),
    FOREIGN KEY (acrf_date, environment, acrf_sequence) REFERENCES batch_sequence
);

CREATE INDEX batch_transmission_request ON batch_transmission (channel_user, transmission_id);

-- One row per answer group received on batch.answers: the FO/FS/GO names it was given (allocated once), so a
-- redelivery writes nothing new. answer_key is the BatchAnswer's batchId, or its requestId when it has none.
CREATE TABLE batch_answer (
    answer_key      varchar(200) NOT NULL,
    group_no        integer      NOT NULL,
    groups          integer      NOT NULL,
    transmission    bigint       NOT NULL REFERENCES batch_transmission (id),
    channel_user    varchar(64)  NOT NULL,
    environment     char(1)      NOT NULL,
    purpose         varchar(4)   NOT NULL,
    answer_date     date         NOT NULL,
    answer_sequence varchar(5)   NOT NULL,
    fo_name         varchar(64)  NOT NULL,
    refused         boolean      NOT NULL,
    received_at     timestamptz  NOT NULL,
    written_at      timestamptz,
    PRIMARY KEY (answer_key, group_no),
    FOREIGN KEY (answer_date, environment, answer_sequence) REFERENCES batch_sequence
);
