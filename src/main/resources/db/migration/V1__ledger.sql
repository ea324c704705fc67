-- The ledger: one row per request, one per planned resource, and the outbox of messages to publish.
-- Every state change and the messages that report it are written in one transaction.

create table deletion_request (
    request_id   varchar(128) primary key,
    subject_ref  char(64)     not null,
    status       varchar(16)  not null,
    run          integer      not null default 1,
    dry_run      boolean      not null,
    -- The record as received (key and value). Needed to plan and run the tasks and to dead-letter a failed
    -- request; erased once the request is final so the ledger does not keep subject data longer than the work.
    record_key   bytea,
    payload      bytea,
    received_at  timestamptz  not null,
    started_at   timestamptz,
    finished_at  timestamptz,
    updated_at   timestamptz  not null
);
create index deletion_request_received on deletion_request (received_at) where status = 'RECEIVED';

create table deletion_task (
    request_id       varchar(128) not null references deletion_request (request_id),
    resource         varchar(128) not null,
    position         integer      not null,
    status           varchar(16)  not null,
    run              integer      not null,
    attempts         integer      not null default 0,
    -- dependencies of this task in the plan that have not completed; the task is ready when it is 0
    waiting_on       integer      not null default 0,
    outcome          varchar(16),
    items            bigint,
    last_error       varchar(1000),
    next_attempt_at  timestamptz  not null,
    first_attempt_at timestamptz,
    lease_owner      varchar(128),
    lease_expires_at timestamptz,
    completed_at     timestamptz,
    updated_at       timestamptz  not null,
    primary key (request_id, resource)
);
create index deletion_task_ready on deletion_task (next_attempt_at) where status = 'PENDING' and waiting_on = 0;
create index deletion_task_leased on deletion_task (lease_expires_at) where status = 'RUNNING';

-- depends_on must complete before resource may start (only dependencies inside the plan are recorded).
create table deletion_task_dependency (
    request_id  varchar(128) not null,
    resource    varchar(128) not null,
    depends_on  varchar(128) not null,
    primary key (request_id, resource, depends_on),
    foreign key (request_id, resource) references deletion_task (request_id, resource)
);

-- Transactional outbox: audit events and dead-letter records, published in id order by the relay.
create table outbox (
    id          bigserial    primary key,
    event_id    uuid         unique,
    topic       varchar(255) not null,
    record_key  bytea,
    payload     bytea        not null,
    headers     text,
    request_id  varchar(128) not null,
    created_at  timestamptz  not null
);
