-- The bulk job a request was sent under (the request's batchId), null when it names none. Unlike the record as
-- received, it is kept when the request ends: operators look a batch up long after its requests finished.
-- Unbounded like the schema's batchId, so no valid request is refused for its length; a hash index (equality lookups
-- only, which is all a batch lookup needs) has no key-size limit, where a b-tree refuses keys over ~2.7 kB.
alter table deletion_request add column batch_id varchar;
create index deletion_request_batch on deletion_request using hash (batch_id) where batch_id is not null;
