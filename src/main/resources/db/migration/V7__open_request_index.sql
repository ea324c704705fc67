-- Requests not yet ended, by age: the lethe.requests.open and lethe.requests.oldest.open.age gauges read them every few
-- seconds, which without it would scan every request the ledger ever held.
create index deletion_request_open on deletion_request (received_at) where status in ('RECEIVED', 'RUNNING');
