-- Rows of "member" and "visitor" subjects, reached through the flaky datasource.
create table notes (
    id       bigserial primary key,
    owner_id text not null,
    body     text not null
);
create index notes_owner on notes (owner_id);
-- Rows of "visitor" subjects on the healthy datasource: the part of a visitor request that completes.
create table visits (
    id         bigserial primary key,
    visitor_id text not null
);
-- Subjects of type "badge": ids in a char(8) column, where one subject's id ("m") is the first letter of others'.
create table badges (
    code char(8) not null
);
create index badges_code on badges (code);
-- Subjects of type "flag": ids in a bit(8) column.
create table flags (
    bits bit(8) not null
);
-- Subjects of type "crew": a table and a column named by SQL keywords.
create table "order" (
    "user" text not null,
    item   text not null
);
-- Subjects of type "device": device_history exists at start (start-up checks pass) and a test drops it, as a schema
-- change after start would: a permanent failure.
create table device_history (
    device_id text not null
);
-- Subjects of type "customer": tables as real applications have them.
-- Orders are kept for the books but anonymised (mask): the customer's name, email and phone are overwritten.
create table shop_orders (
    id          bigserial primary key,
    customer_id bigint,
    full_name   varchar(60) not null,
    email       text,
    phone       text,
    total_cents int not null
);
-- A customer's own documents are erased; those in a shared collection are left alone (where).
create table documents (
    id         bigserial primary key,
    owner_id   text not null,
    shared     boolean not null default false,
    deleted_at timestamptz
);
-- Analytics keyed by the SHA-256 hex of the customer id (subject-value: "{sha256}").
create table analytics_events (
    user_hash char(64) not null,
    kind      text not null
);
create index analytics_events_user on analytics_events (user_hash);
-- Comments that SOFT hides with a flag (soft-delete-flag).
create table comments (
    id        bigserial primary key,
    author_id text not null,
    hidden    boolean not null default false,
    body      text not null
);
-- Subjects of type "ghost": rows that come back after they are deleted, as a sync job or a lagging replica would write
-- them again behind the cleaner's back. Verification (the count after the erasure) must notice and fail the task.
-- A row noted 'once' comes back once (noted 'gone'), and one noted 'gone' stays deleted: a retry finishes the erasure.
create table ghost_rows (
    ghost_id text not null,
    note     text not null
);
create function ghost_rows_come_back() returns trigger language plpgsql as $$
begin
    if old.note = 'once' then
        insert into ghost_rows (ghost_id, note) values (old.ghost_id, 'gone');
    elsif old.note <> 'gone' then
        insert into ghost_rows (ghost_id, note) values (old.ghost_id, old.note);
    end if;
    return old;
end $$;
create trigger ghost_rows_come_back after delete on ghost_rows for each row execute function ghost_rows_come_back();
-- Legal holds (LegalHoldIntegrationTests): users whose data must be kept, by numeric id. An id that is not a number
-- makes the hold query fail (22P02), which rejects the request (LEGAL_HOLD_CHECK_FAILED).
create table legal_holds (
    user_id bigint not null
);
