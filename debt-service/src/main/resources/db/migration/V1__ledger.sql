-- The employer ledger (issue 11): amounts in euro cents as bigint, never floating point.
create table employer (
    id                    bigserial primary key,
    company_id            char(10)    not null unique,
    noss_registration_nbr varchar(10) unique,
    denomination          text        not null,
    plan_active           boolean     not null default false,
    plan_followed         boolean     not null default false,
    import_id             text        not null
);

create table employer_quarter (
    employer_id        bigint  not null references employer (id) on delete cascade,
    quarter            char(6) not null,
    contribution_cents bigint  not null check (contribution_cents >= 0),
    paid_cents         bigint  not null check (paid_cents >= 0),
    increases_cents    bigint  not null check (increases_cents >= 0),
    interests_cents    bigint  not null check (interests_cents >= 0),
    legal_costs_cents  bigint  not null check (legal_costs_cents >= 0),
    due_date           date    not null,
    dmfa_filed         boolean not null,
    primary key (employer_id, quarter)
);

create table dispute (
    employer_id  bigint not null references employer (id) on delete cascade,
    position     int    not null,
    dispute_type text   not null,
    amount_cents bigint not null check (amount_cents >= 0),
    primary key (employer_id, position)
);

-- One row per import: a repeated importId is answered from here (same content) or refused (other content).
create table ledger_import (
    import_id      text        primary key,
    content_sha256 char(64)    not null,
    imported_at    timestamptz not null,
    report         text        not null
);

-- Every query (who, when, which employer, which context, which result code) and nothing more.
create table query_audit (
    id           bigserial   primary key,
    consumer     text        not null,
    queried_at   timestamptz not null,
    employer     text        not null,
    legal_context text       not null,
    result_code  text        not null
);
create index query_audit_queried_at on query_audit (queried_at);
