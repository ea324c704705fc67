-- When a task was planned, for the age of the oldest pending task (a metric operators alert on).
alter table deletion_task add column created_at timestamptz not null default now();
create index deletion_task_open on deletion_task (created_at) where status in ('PENDING', 'RUNNING');
