-- operations: the operator's log ("driftslog") of start-ups, shutdowns, migrations,
-- seeds and CLI commands. Pruned after OPS_LOG_RETENTION_DAYS by the prune job.
create table ops_log (
  id          bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  kind        text not null check (kind ~ '^[a-z][a-z0-9_.-]*$'),
  message     text not null,
  details     jsonb not null default '{}'::jsonb
);
create index ops_log_occurred_at on ops_log (occurred_at);
