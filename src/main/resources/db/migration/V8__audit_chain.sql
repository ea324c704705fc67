-- The head of each request's audit chain: the chainHash of its last audit event, null before its first. Every
-- transaction that writes events of a request locks its row, chains the events to this head and stores the new one,
-- so the chain continues across workers, crashes and replays (contract v1.2, tamper evidence).
alter table deletion_request add column chain_head char(64);
