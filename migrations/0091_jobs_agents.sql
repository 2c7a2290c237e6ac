-- jobs: job agents (jobagenter). A citizen saves a search; the ads that arrive after it and match it reach them in the
-- app and by e-mail, at once or as a daily digest. Matching runs as a job after ingestion, never per page view; an ad
-- reaches an agent once (the primary key of job_agent_match), and a notice is mailed once (mailed_at).

create table job_agent (
  id                 uuid primary key default gen_random_uuid(),
  citizen_id         uuid not null references citizen (id) on delete cascade,
  municipality_code  char(3) not null references municipality (code),
  name               text not null check (length(name) between 1 and 100),
  -- The saved search: { query, occupations, municipalities, place, radiusKm, hours } as the search form takes it.
  criteria           jsonb not null check (jsonb_typeof(criteria) = 'object'),
  -- Where the place was resolved to when the agent was saved (a town's name can be resolved only by the app).
  near_lat           double precision,
  near_lon           double precision,
  near_radius_km     int,
  email              text not null check (email ~ '^[^@\s]+@[^@\s]+$'),
  frequency          text not null check (frequency in ('immediate', 'daily')),
  -- Ads the platform saw after this point in job_ad.seen_seq are new to the agent.
  after_seq          bigint not null,
  -- The secret in the unsubscribe link of every mail; it alone lets anyone switch the agent off.
  unsubscribe_token  text not null unique check (length(unsubscribe_token) >= 32),
  active             boolean not null default true,
  created_at         timestamptz not null default now(),
  stopped_at         timestamptz
);
create index job_agent_citizen on job_agent (citizen_id, created_at desc);
create index job_agent_active on job_agent (after_seq) where active;

-- What an agent has told (or will tell) the citizen: one row per batch of new ads (immediate) or per day (digest).
create table job_agent_notice (
  id                 uuid primary key default gen_random_uuid(),
  agent_id           uuid not null references job_agent (id) on delete cascade,
  citizen_id         uuid not null references citizen (id) on delete cascade,
  municipality_code  char(3) not null,
  kind               text not null check (kind in ('immediate', 'digest')),
  ads                int not null check (ads > 0),
  created_at         timestamptz not null default now(),
  seen_at            timestamptz,
  mailed_at          timestamptz,
  mail_attempts      int not null default 0,
  mail_error         text
);
create index job_agent_notice_citizen on job_agent_notice (citizen_id, created_at desc);
create index job_agent_notice_unmailed on job_agent_notice (created_at) where mailed_at is null;

-- Each ad an agent found, once; the ad's title, employer and town are kept, since ads expire before notices are read.
create table job_agent_match (
  agent_id           uuid not null references job_agent (id) on delete cascade,
  ad_id              text not null,
  citizen_id         uuid not null references citizen (id) on delete cascade,
  title              text not null,
  employer_name      text not null,
  town               text not null,
  deadline           date not null,
  matched_at         timestamptz not null default now(),
  notice_id          uuid references job_agent_notice (id) on delete set null,
  primary key (agent_id, ad_id)
);
create index job_agent_match_unnoticed on job_agent_match (agent_id) where notice_id is null;
create index job_agent_match_notice on job_agent_match (notice_id);

alter table job_agent enable row level security;
alter table job_agent_notice enable row level security;
alter table job_agent_match enable row level security;
-- A citizen's agents are theirs alone: the jobs that match and mail act as the citizen, one agent at a time.
create policy job_agent_citizen on job_agent
  using (citizen_id::text = current_setting('app.citizen', true))
  with check (citizen_id::text = current_setting('app.citizen', true));
create policy job_agent_notice_citizen on job_agent_notice
  using (citizen_id::text = current_setting('app.citizen', true))
  with check (citizen_id::text = current_setting('app.citizen', true));
create policy job_agent_match_citizen on job_agent_match
  using (citizen_id::text = current_setting('app.citizen', true))
  with check (citizen_id::text = current_setting('app.citizen', true));
grant select, insert, update, delete on job_agent, job_agent_notice, job_agent_match to jobunivers_app;

-- The agents with ads to look at (anything seen after their point), and whose they are: the matching job then acts as
-- each citizen. Runs as the owner because it crosses citizens; it returns ids only.
create function due_job_agents(p_limit int)
returns table (id uuid, citizen_id uuid)
language sql
stable
security definer
set search_path = public
as $$
  select a.id, a.citizen_id
    from job_agent a
   where a.active and a.after_seq < coalesce((select max(seen_seq) from job_ad), 0)
   order by a.after_seq
   limit p_limit
$$;

-- The daily agents with found ads not yet in a digest.
create function due_job_agent_digests(p_limit int)
returns table (id uuid, citizen_id uuid)
language sql
stable
security definer
set search_path = public
as $$
  select a.id, a.citizen_id
    from job_agent a
   where a.active and a.frequency = 'daily'
     and exists (select 1 from job_agent_match m where m.agent_id = a.id and m.notice_id is null)
   limit p_limit
$$;

-- Notices not yet mailed, oldest first, at most 12 tries each.
create function due_job_agent_mails(p_limit int)
returns table (id uuid, citizen_id uuid)
language sql
stable
security definer
set search_path = public
as $$
  select n.id, n.citizen_id
    from job_agent_notice n
   where n.mailed_at is null and n.mail_attempts < 12
   order by n.created_at
   limit p_limit
$$;

-- The unsubscribe link: switches the agent with this token off and answers its name (null for an unknown token).
-- The link in the mail is the only credential, as RFC 8058's one-click unsubscribe needs.
create function job_agent_by_token(p_token text)
returns table (id uuid, name text, active boolean)
language sql
stable
security definer
set search_path = public
as $$
  select a.id, a.name, a.active from job_agent a where a.unsubscribe_token = p_token
$$;

create function stop_job_agent_by_token(p_token text)
returns table (id uuid, name text)
language sql
security definer
set search_path = public
as $$
  update job_agent set active = false, stopped_at = coalesce(stopped_at, now())
   where unsubscribe_token = p_token
  returning id, name
$$;

revoke all on function due_job_agents(int) from public;
revoke all on function due_job_agent_digests(int) from public;
revoke all on function due_job_agent_mails(int) from public;
revoke all on function job_agent_by_token(text) from public;
revoke all on function stop_job_agent_by_token(text) from public;
grant execute on function due_job_agents(int) to jobunivers_app;
grant execute on function due_job_agent_digests(int) to jobunivers_app;
grant execute on function due_job_agent_mails(int) to jobunivers_app;
grant execute on function job_agent_by_token(text) to jobunivers_app;
grant execute on function stop_job_agent_by_token(text) to jobunivers_app;
