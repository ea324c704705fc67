-- Where the request's record was read (topic-partition@offset): a dead-letter copy too large to carry the record's
-- bytes carries this instead, so an operator can still find the original.
alter table deletion_request add column origin varchar(400);

-- Outbox records the broker refused for good (too large, not serialisable): moved here so that they never block
-- the records behind them, kept for an operator, and counted by a gauge.
create table outbox_set_aside (
    id            bigint       primary key,
    event_id      uuid,
    topic         varchar(255) not null,
    record_key    bytea,
    payload       bytea        not null,
    headers       text,
    request_id    varchar(128) not null,
    created_at    timestamptz  not null,
    set_aside_at  timestamptz  not null,
    reason        varchar(1000) not null
);
