-- identity: citizens known to the platform (created at first sign-in) and the access log ("Min Log").
-- Both hold a municipality's citizens' personal data, so both are guarded by row-level security:
-- the tenant (app.municipality) or the citizen themself (app.citizen) is set per transaction.
create table citizen (
  id                uuid primary key default gen_random_uuid(),
  person_uuid       text not null unique,
  cpr_number        text not null check (cpr_number ~ '^[0-9]{10}$'),
  full_name         text not null,
  municipality_code char(3) not null references municipality (code),
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  last_signed_in_at timestamptz not null default now()
);
create index citizen_municipality on citizen (municipality_code);

alter table citizen enable row level security;
create policy citizen_by_municipality on citizen
  using (municipality_code = current_setting('app.municipality', true))
  with check (municipality_code = current_setting('app.municipality', true));
create policy citizen_self on citizen for select
  using (id::text = current_setting('app.citizen', true));

-- Identity resolution happens before any tenant is known, and a citizen who moves changes tenant:
-- this one function may do that, nothing else. Returns the citizen's id.
create function record_citizen_sign_in(p_person_uuid text, p_cpr text, p_name text, p_municipality char(3))
returns uuid
language sql
security definer
set search_path = public
as $$
  insert into citizen (person_uuid, cpr_number, full_name, municipality_code)
  values (p_person_uuid, p_cpr, p_name, p_municipality)
  on conflict (person_uuid) do update
    set cpr_number = excluded.cpr_number,
        full_name = excluded.full_name,
        municipality_code = excluded.municipality_code,
        updated_at = now(),
        last_signed_in_at = now()
  returning id
$$;
revoke all on function record_citizen_sign_in(text, text, text, char) from public;
grant execute on function record_citizen_sign_in(text, text, text, char) to jobunivers_app;

create table access_log (
  id                 bigint generated always as identity primary key,
  occurred_at        timestamptz not null default now(),
  citizen_id         uuid not null references citizen (id),
  municipality_code  char(3) not null references municipality (code),
  actor_subject      text not null,
  actor_name         text not null,
  actor_role         text not null,
  actor_organisation text not null,
  action             text not null check (action in ('read', 'change')),
  data_category      text not null,
  purpose            text not null check (length(purpose) between 3 and 500)
);
create index access_log_citizen on access_log (citizen_id, occurred_at desc);
create index access_log_occurred_at on access_log (occurred_at);

-- Append-only for the application: it may add and read, never change or remove.
revoke update, delete on access_log from jobunivers_app;
alter table access_log enable row level security;
create policy access_log_by_municipality on access_log
  using (municipality_code = current_setting('app.municipality', true))
  with check (municipality_code = current_setting('app.municipality', true));
create policy access_log_citizen_reads_own on access_log for select
  using (citizen_id::text = current_setting('app.citizen', true));

-- Retention: the only way entries leave the log.
create function prune_access_log(p_before timestamptz) returns bigint
language sql
security definer
set search_path = public
as $$
  with gone as (delete from access_log where occurred_at < p_before returning 1)
  select count(*) from gone
$$;
revoke all on function prune_access_log(timestamptz) from public;
grant execute on function prune_access_log(timestamptz) to jobunivers_app;
