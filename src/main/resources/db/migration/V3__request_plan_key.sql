-- What a request asks for beyond its subject (mode, dry run, scope). A re-send of a FAILED id runs again only when
-- it asks for the same thing; otherwise its completed tasks would not match the new request.
alter table deletion_request add column plan_key text;
