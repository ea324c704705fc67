-- A small application database: users with chats, chat messages under a foreign key, posts and sessions.
create table users (
    id         bigint primary key,
    email      text not null,
    role       text not null default 'member',
    deleted_at timestamptz
);
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
