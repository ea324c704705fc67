-- A grace period: no task of the request runs before execute_after (the request's executeAfter, or
-- lethe.compliance.grace-period after it was first read), and a cancel record before then ends it. Null: none.
alter table deletion_request add column execute_after timestamptz;
