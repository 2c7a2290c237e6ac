-- joblog: forwarding a citizen's job applications and meetings to Joblog in DFDG (issue 15), so nothing is registered
-- twice. A row of joblog_registration is the outbox: written when a vendor's application-sent or meeting-held event is
-- picked up (or the citizen types one in), sent by a job after the commit, swept again with growing pauses until DFDG
-- answers. Its request_id is the DFDG x-requestId, fixed for the row: a retry can never register it twice.

-- Whether the platform may forward for the citizen: their agreement (given and withdrawn on the Joblog page), or a
-- legal basis recorded for them. Only events received while one of them holds are forwarded.
create table joblog_agreement (
  citizen_id        uuid primary key references citizen (id) on delete cascade,
  municipality_code char(3) not null references municipality (code),
  consented_at      timestamptz,
  withdrawn_at      timestamptz,
  legal_basis       text check (length(legal_basis) between 3 and 500),
  legal_basis_since timestamptz,
  updated_at        timestamptz not null default now(),
  check ((legal_basis is null) = (legal_basis_since is null))
);

create table joblog_registration (
  id                uuid primary key default gen_random_uuid(),
  citizen_id        uuid not null references citizen (id) on delete cascade,
  municipality_code char(3) not null references municipality (code),
  source            text not null check (source in ('event', 'manual')),
  -- The vendor's event (activity_event_entry.id) it came from; one registration per event.
  event_id          uuid unique references activity_event (id),
  kind              text not null check (kind in ('application', 'job-interview', 'network', 'other')),
  job_title         text check (length(job_title) between 1 and 200),
  employer          text not null check (length(employer) between 1 and 200),
  activity_on       date not null,
  basis             text not null check (basis in ('consent', 'legal-basis')),
  request_id        uuid not null unique default gen_random_uuid(),
  status            text not null default 'pending' check (status in ('pending', 'registered', 'failed', 'cancelled')),
  attempts          int not null default 0 check (attempts >= 0),
  next_attempt_at   timestamptz not null default now(),
  last_error        text check (length(last_error) <= 1000),
  registered_at     timestamptz,
  created_at        timestamptz not null default now(),
  check ((source = 'event') = (event_id is not null)),
  check ((status = 'registered') = (registered_at is not null))
);
create index joblog_registration_citizen on joblog_registration (citizen_id, created_at desc);
create index joblog_registration_due on joblog_registration (next_attempt_at) where status = 'pending';

alter table joblog_agreement enable row level security;
alter table joblog_registration enable row level security;
-- The citizen keeps their own agreement and registrations; staff read them as they read the journey's rows.
create policy joblog_agreement_citizen on joblog_agreement
  using (citizen_id::text = current_setting('app.citizen', true))
  with check (citizen_id::text = current_setting('app.citizen', true));
create policy joblog_agreement_staff_reads on joblog_agreement for select
  using (organisation_serves_citizen(citizen_id, municipality_code));
create policy joblog_registration_citizen on joblog_registration
  using (citizen_id::text = current_setting('app.citizen', true))
  with check (citizen_id::text = current_setting('app.citizen', true));
create policy joblog_registration_staff_reads on joblog_registration for select
  using (organisation_serves_citizen(citizen_id, municipality_code) or organisation_knew_citizen_at(citizen_id, created_at));
revoke delete on joblog_registration from jobunivers_app;

-- Picks up the vendors' application-sent and meeting-held events not yet registered, of citizens whose agreement (or
-- legal basis) held when the event arrived, as pending registrations. Idempotent: an event gets one row, ever. Runs
-- as the owner because the sweep crosses citizens; it reads the events module's published view only.
create function joblog_pick_up_events(p_limit int) returns int
language sql
security definer
set search_path = public
as $$
  with picked as (
    insert into joblog_registration (citizen_id, municipality_code, source, event_id, kind, job_title, employer, activity_on, basis)
    select e.citizen_id, e.municipality_code, 'event', e.id,
           case when e.type like '%.application-sent' then 'application'
                when e.data ->> 'kind' in ('job-interview', 'network', 'other') then e.data ->> 'kind'
                else 'other' end,
           left(nullif(e.data ->> 'jobTitle', ''), 200),
           left(coalesce(nullif(e.data ->> 'employer', ''), '?'), 200),
           coalesce(
             case when coalesce(e.data ->> 'appliedOn', e.data ->> 'heldOn') ~ '^\d{4}-\d{2}-\d{2}$'
                  then (coalesce(e.data ->> 'appliedOn', e.data ->> 'heldOn'))::date end,
             (e.occurred_at at time zone 'Europe/Copenhagen')::date),
           case when a.consented_at is not null and e.received_at >= a.consented_at then 'consent' else 'legal-basis' end
      from joblog_agreement a
      join activity_event_entry e on e.citizen_id = a.citizen_id
      left join joblog_registration r on r.event_id = e.id
     where r.id is null
       and e.type in ('dk.jobunivers.activity.application-sent', 'dk.jobunivers.activity.meeting-held')
       and ((a.consented_at is not null and e.received_at >= a.consented_at)
            or (a.legal_basis is not null and e.received_at >= a.legal_basis_since))
     order by e.received_at
     limit p_limit
    on conflict (event_id) do nothing
    returning 1
  )
  select count(*)::int from picked
$$;

-- Pending registrations whose next try is due, oldest first; only what the sender needs to act as the citizen.
create function due_joblog_registrations(p_limit int)
returns table (id uuid, citizen_id uuid)
language sql
stable
security definer
set search_path = public
as $$
  select r.id, r.citizen_id
    from joblog_registration r
   where r.status = 'pending' and r.next_attempt_at <= now()
   order by r.next_attempt_at
   limit p_limit
$$;

revoke all on function joblog_pick_up_events(int) from public;
revoke all on function due_joblog_registrations(int) from public;
grant execute on function joblog_pick_up_events(int) to jobunivers_app;
grant execute on function due_joblog_registrations(int) to jobunivers_app;

-- Published for the timeline: what was registered (or is on its way) and when, without the request id or errors.
create view joblog_entry with (security_invoker = true) as
select r.id, r.citizen_id, r.municipality_code, r.source, r.event_id, r.kind, r.job_title, r.employer, r.activity_on, r.status,
       r.registered_at, r.created_at
from joblog_registration r;
revoke insert, update, delete on joblog_entry from jobunivers_app;
grant select on joblog_entry to jobunivers_app;
