-- A small application database: users with chats, chat messages under a foreign key, posts and sessions; orders kept
-- after an account is gone, albums that may be shared, photos in them, and page views keyed by a hashed user id.
create table users (
    id         bigint primary key,
    email      text not null,
    role       text not null default 'member',
    deleted_at timestamptz
);
-- The demo's protection query compares ids as text (so that every id gets an answer): without this index it scans
-- every user for every request planned.
create index users_admin_id_text on users ((cast(id as text))) where role = 'admin';
create table chats (
    id         bigserial primary key,
    user_id    bigint not null references users (id),
    title      text not null,
    deleted_at timestamptz
);
create table chat_messages (
    id         bigserial primary key,
    chat_id    bigint not null references chats (id),
    user_id    bigint not null references users (id),
    body       text not null,
    deleted_at timestamptz
);
create table posts (
    id         bigserial primary key,
    user_id    bigint not null references users (id),
    body       text not null,
    deleted_at timestamptz
);
create table sessions (
    id         bigserial primary key,
    user_id    bigint not null references users (id),
    token      text not null
);
-- Indexes on the foreign keys, as an application would have them: erasing a user looks its rows up by user_id, and
-- deleting a users or chats row makes PostgreSQL look for rows still referencing it (a full scan without these).
create index chats_user on chats (user_id);
create index chat_messages_user on chat_messages (user_id);
create index chat_messages_chat on chat_messages (chat_id);
create index posts_user on posts (user_id);
create index sessions_user on sessions (user_id);
-- Orders outlive accounts (the books must keep them), so they have no foreign key to users: erasure anonymises them.
create table orders (
    id               bigserial primary key,
    user_id          bigint,
    email            text,
    shipping_name    text not null,
    shipping_address text,
    total_cents      int not null,
    placed_at        timestamptz not null default now()
);
create index orders_user on orders (user_id);
-- Albums may be shared with other users; a shared album and the photos in it belong to everyone in it.
create table albums (
    id       bigserial primary key,
    owner_id bigint not null,
    title    text not null,
    shared   boolean not null default false,
    archived boolean not null default false
);
create table photos (
    id         bigserial primary key,
    owner_id   bigint not null,
    album_id   bigint references albums (id),
    path       text not null,
    deleted_at timestamptz
);
-- Analytics keyed by the SHA-256 hex of the user id, never the id itself.
create table page_views (
    visitor_hash char(64) not null,
    url          text not null,
    viewed_at    timestamptz not null default now()
);
create index page_views_visitor on page_views (visitor_hash);
