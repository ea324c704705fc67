-- Deadlines: when each request must be done (requestedAt, or when Lethe first read it, + lethe.compliance.deadline),
-- and when the overdue sweep reported it late. overdue_at is written in the transaction that writes REQUEST_OVERDUE,
-- so a request is reported once, whatever restarts and however many workers.
alter table deletion_request add column due_at timestamptz;
alter table deletion_request add column overdue_at timestamptz;

-- Requests still open from before deadlines were recorded get the contract's default deadline (P30D) from when they
-- were read: the configured one is not known here, and leaving them without a due date would never report them.
update deletion_request set due_at = received_at + interval '30 days'
where due_at is null and status in ('RECEIVED', 'RUNNING');

-- The sweep's question: open requests not yet reported, by due date. Small: requests leave it as they end.
create index deletion_request_due on deletion_request (due_at)
    where overdue_at is null and status in ('RECEIVED', 'RUNNING');
