-- Six people and an administrator, each with chats, messages, posts and a session.
insert into users (id, email, role)
select id, 'person' || id || '@example.com', case when id = 1 then 'admin' else 'member' end
from (values (1), (1001), (1002), (1003), (1004), (1005), (1006)) as people(id);
insert into chats (user_id, title) select u.id, 'chat ' || n from users u, generate_series(1, 2) n;
insert into chat_messages (chat_id, user_id, body) select c.id, c.user_id, 'message ' || n from chats c, generate_series(1, 3) n;
insert into posts (user_id, body) select u.id, 'post ' || n from users u, generate_series(1, 2) n;
update posts set deleted_at = now() where id = (select min(id) from posts where user_id = 1003);
insert into sessions (user_id, token) select id, 'token-' || id from users;
-- Orders, albums (one private, one shared each) with photos, and page views under the hashed id.
insert into orders (user_id, email, shipping_name, shipping_address, total_cents)
select id, email, 'Person ' || id, id || ' Main Street', 1000 * n from users, generate_series(1, 2) n;
insert into albums (owner_id, title, shared) select id, 'album ' || n, n = 2 from users, generate_series(1, 2) n;
insert into photos (owner_id, album_id, path) select owner_id, id, 'photos/' || id || '.jpg' from albums;
insert into page_views (visitor_hash, url)
select encode(sha256(convert_to(id::text, 'UTF8')), 'hex'), '/page/' || n from users, generate_series(1, 3) n;
