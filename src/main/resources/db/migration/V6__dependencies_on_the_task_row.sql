-- A task's dependencies move onto its own row: planning writes one row per task instead of one more per dependency
-- (each with its index entry and a foreign-key check), and counting down a completed task's dependents reads the
-- request's task rows, which the primary key already finds.
alter table deletion_task add column depends_on varchar(128)[] not null default '{}';
update deletion_task t set depends_on = d.depends_on
from (select request_id, resource, array_agg(depends_on order by depends_on) as depends_on
      from deletion_task_dependency group by request_id, resource) d
where t.request_id = d.request_id and t.resource = d.resource;
drop table deletion_task_dependency;

-- Nothing looks outbox rows up by event id (the relay reads by id, consumers deduplicate by eventId): the unique
-- index cost a random B-tree insert per event.
alter table outbox drop constraint outbox_event_id_key;
