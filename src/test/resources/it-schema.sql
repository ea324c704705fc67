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
