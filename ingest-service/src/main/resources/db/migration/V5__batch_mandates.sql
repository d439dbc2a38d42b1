-- The batch channel's mandate registry (SPEC §5, seed 001 §3): a social secretariat or service provider (the
-- representative) may submit for an employer (the mandant) only under a mandate for the service, valid on the day
-- and not revoked. Loaded by the admin API PUT /api/v1/batch-channel/mandates (an upsert on the natural key);
-- DELETE revokes (revoked_at), nothing is ever deleted, so what was valid when stays known.
CREATE TABLE batch_mandate (
    id             bigserial    PRIMARY KEY,
    representative char(10)     NOT NULL,
    mandant        char(10)     NOT NULL,
    service        varchar(32)  NOT NULL,
    valid_from     date         NOT NULL,
    valid_to       date,
    revoked_at     timestamptz,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL,
    UNIQUE (representative, mandant, service, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from),
    CHECK (representative <> mandant)
);

CREATE INDEX batch_mandate_lookup ON batch_mandate (representative, mandant, service);
