-- Track-and-trace events from every service (suite.tracking). Technical facts only: never payload or CPR.
CREATE TABLE tracking_event (
    event_id              varchar(64)  PRIMARY KEY,
    hoved_indberetning_id varchar(64)  NOT NULL,
    step                  varchar(32)  NOT NULL,
    service               varchar(64)  NOT NULL,
    occurred_at           timestamptz  NOT NULL,
    attributes            jsonb        NOT NULL DEFAULT '{}'::jsonb,
    stored_at             timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX tracking_event_timeline ON tracking_event (hoved_indberetning_id, occurred_at);
