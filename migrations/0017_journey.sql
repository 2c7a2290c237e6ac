-- journey: the citizen's side — the screening kept as a profile, escalations to caseworkers (nobody falls
-- through), the plan ("Min jobrejse") with activities the citizen chose or a caseworker recommended or assigned,
-- what the citizen said is not relevant, and the log of every recommendation with its inputs (explainable rules).
--
-- Tenancy: every row is a citizen's and their municipality's. A citizen's own requests set `app.citizen` only
-- (never `app.municipality`, which would show them their neighbours); staff requests set `app.municipality`.

create table citizen_profile (
  citizen_id        uuid primary key references citizen (id),
  municipality_code char(3) not null references municipality (code),
  digital_readiness text check (digital_readiness in ('low', 'medium', 'high')),
  job_goal          text check (length(job_goal) <= 500),
  journey_stage     text references journey_stage (code),
  needs_help        text check (needs_help in ('no', 'some', 'much')),
  wants_contact     boolean not null default false,
  wellbeing_concern boolean not null default false,
  languages         text[] not null default '{da}',
  -- Set by the jobcenter (visitation), not by the screening: the legal target group of the 2025 reform.
  target_group      text references target_group (code),
  screened_at       timestamptz,
  updated_at        timestamptz not null default now()
);
create index citizen_profile_municipality on citizen_profile (municipality_code);

create table escalation (
  id                uuid primary key default gen_random_uuid(),
  citizen_id        uuid not null references citizen (id),
  municipality_code char(3) not null references municipality (code),
  reasons           text[] not null check (cardinality(reasons) >= 1),
  status            text not null default 'open' check (status in ('open', 'in_progress', 'closed')),
  contact_by        date not null,
  assignee_subject  text,
  assignee_name     text,
  note              text check (length(note) <= 4000),
  created_at        timestamptz not null default now(),
  closed_at         timestamptz
);
create index escalation_open on escalation (municipality_code, status, contact_by);
-- One open escalation per citizen at a time: a second signal is added to it, not a new case.
create unique index escalation_one_open on escalation (citizen_id) where status <> 'closed';

create table plan_activity (
  id                uuid primary key default gen_random_uuid(),
  citizen_id        uuid not null references citizen (id),
  municipality_code char(3) not null references municipality (code),
  source            text not null check (source in ('chosen', 'recommended', 'assigned')),
  listing_id        uuid references listing (id),
  local_offer_id    uuid references local_offer (id),
  title             text not null check (length(title) between 2 and 200),
  status            text not null default 'planned' check (status in ('planned', 'in_progress', 'done', 'dropped')),
  due_on            date,
  note              text check (length(note) <= 2000),
  created_by        text not null,
  created_by_name   text not null,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  check (num_nonnulls(listing_id, local_offer_id) <= 1)
);
create index plan_activity_citizen on plan_activity (citizen_id, created_at);
create unique index plan_activity_listing_once on plan_activity (citizen_id, listing_id) where listing_id is not null and status <> 'dropped';
create unique index plan_activity_offer_once on plan_activity (citizen_id, local_offer_id) where local_offer_id is not null and status <> 'dropped';

-- "Not relevant for me": respected by the recommendation rules until the citizen takes it back.
create table recommendation_dismissal (
  citizen_id        uuid not null references citizen (id),
  municipality_code char(3) not null references municipality (code),
  item_kind         text not null check (item_kind in ('listing', 'local_offer')),
  item_id           uuid not null,
  dismissed_at      timestamptz not null default now(),
  primary key (citizen_id, item_kind, item_id)
);

-- Every time recommendations are made for a citizen: the rules' version, their inputs and what came out.
-- Recommendations help the citizen choose; they decide nothing about benefits (EU AI Act, high-risk area).
create table recommendation_log (
  id                bigint generated always as identity primary key,
  citizen_id        uuid not null references citizen (id),
  municipality_code char(3) not null references municipality (code),
  rules_version     text not null,
  inputs            jsonb not null,
  outputs           jsonb not null,
  created_at        timestamptz not null default now()
);
create index recommendation_log_citizen on recommendation_log (citizen_id, created_at desc);

do $$
declare
  t text;
begin
  foreach t in array array['citizen_profile', 'escalation', 'plan_activity', 'recommendation_dismissal', 'recommendation_log'] loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy %I on %I
      using (municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true))
      with check (municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true))$p$,
      t || '_owner', t);
  end loop;
end
$$;
revoke update, delete on recommendation_log from jobunivers_app;
