-- Grouped batches (SPEC §6.4). Items, results and progress live here, so a restart resumes where the last
-- committed chunk ended: results and the progress counter are written in the same transaction.
create table debt_batch (
    id            uuid        primary key,
    consumer      text        not null,
    legal_context text        not null,
    closing_date  date,
    source        text        not null,            -- REST or AMQP (AMQP batches publish their groups)
    request_id    text,                            -- the AMQP request's id
    items         text[]      not null,            -- 'C:<companyId>' or 'N:<nossNumber>', as requested
    total         int         not null,
    done          int         not null default 0,
    group_size    int         not null,
    groups_sent   int         not null default 0,
    state         text        not null,            -- PENDING, RUNNING, DONE
    created_at    timestamptz not null,
    finished_at   timestamptz
);
create index debt_batch_open on debt_batch (created_at) where state <> 'DONE' or source = 'AMQP';

create table debt_batch_result (
    batch_id uuid not null references debt_batch (id) on delete cascade,
    position int  not null,
    result   text not null,
    primary key (batch_id, position)
);
