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
