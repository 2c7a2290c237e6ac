-- journey: the caseworker's caseload. A citizen the organisation serves is assigned to one of its caseworkers (or to
-- no one: the team's); a hand-over to a colleague is recorded with its note. The caseload's page is answered by one
-- set-based function, so a municipality with 20,000 citizens is one statement rather than a row-level security
-- function call per citizen row.

create table citizen_caseworker (
  organisation_id     text not null,
  citizen_id          uuid not null references citizen (id) on delete cascade,
  caseworker_subject  text not null,
  caseworker_name     text not null check (length(caseworker_name) between 1 and 200),
  assigned_at         timestamptz not null default now(),
  primary key (organisation_id, citizen_id)
);
create index citizen_caseworker_subject on citizen_caseworker (organisation_id, caseworker_subject);

-- Every assignment and hand-over, for the citizen's page ("overdraget af … til … med noten …").
create table citizen_caseworker_change (
  id                  uuid primary key default gen_random_uuid(),
  organisation_id     text not null,
  citizen_id          uuid not null references citizen (id) on delete cascade,
  from_name           text,
  to_name             text,
  by_name             text not null,
  note                text check (length(note) <= 1000),
  changed_at          timestamptz not null default now()
);
create index citizen_caseworker_change_citizen on citizen_caseworker_change (organisation_id, citizen_id, changed_at desc);

alter table citizen_caseworker enable row level security;
alter table citizen_caseworker_change enable row level security;
-- The organisation's own assignments; changed only for a citizen it serves now.
create policy citizen_caseworker_organisation on citizen_caseworker
  using (organisation_id = current_setting('app.organisation', true))
  with check (organisation_id = current_setting('app.organisation', true)
              and organisation_serves_citizen(citizen_id, (select c.municipality_code from citizen c where c.id = citizen_id)));
create policy citizen_caseworker_change_organisation on citizen_caseworker_change
  using (organisation_id = current_setting('app.organisation', true))
  with check (organisation_id = current_setting('app.organisation', true));
grant select, insert, update, delete on citizen_caseworker to jobunivers_app;
grant select, insert on citizen_caseworker_change to jobunivers_app;

create index escalation_citizen_open on escalation (citizen_id, created_at) where status <> 'closed';

-- The caseload of the organisation the transaction acts for (app.organisation; nothing without it): the citizens it
-- serves now — an open responsibility period names it, or, with no open period, it is the kommune of the citizen's
-- municipality (as organisation_serves_citizen) — filtered and sorted, a page at a time, with the total. `p_scope`:
-- 'mine' (assigned to p_subject), 'unassigned', or 'team' (all). Sorts: 'name', 'waiting' (oldest waiting escalation
-- first), 'meeting' (next meeting first), 'quiet' (longest without activity first). Runs as the owner so the set is
-- found by joins, not a row-level security check per row; it returns only the caller's organisation's citizens.
create function caseload_page(
  p_scope text, p_subject text, p_target_group text, p_stage text,
  p_waiting boolean, p_without_plan boolean, p_inactive boolean, p_unread boolean, p_meeting boolean,
  p_sort text, p_offset int, p_limit int)
returns table (
  citizen_id uuid, full_name text, target_group text, journey_stage text, caseworker_subject text, caseworker_name text,
  waiting_since timestamptz, waiting_escalation_id uuid, responsible_since text, next_meeting_at timestamptz, unread_threads int,
  last_activity_at timestamptz, total bigint)
language sql
stable
security definer
set search_path = public
as $$
  with org as (
    select nullif(current_setting('app.organisation', true), '') as id
  ),
  served as (
    select c.id, c.full_name
      from citizen c, org
     where org.id like 'kommune-%' and c.municipality_code = substr(org.id, 9)
       and not exists (select 1 from responsibility_period p where p.citizen_id = c.id and p.ends_on is null and p.organisation_id <> org.id)
    union
    select c.id, c.full_name
      from responsibility_period p
      join citizen c on c.id = p.citizen_id
      join org on p.organisation_id = org.id
     where p.ends_on is null
  ),
  rows as (
    select s.id, s.full_name, pr.target_group, pr.journey_stage, a.caseworker_subject, a.caseworker_name,
           w.created_at as waiting_since, w.id as waiting_escalation_id,
           (select to_char(p.starts_on, 'YYYY-MM-DD') from responsibility_period p where p.citizen_id = s.id and p.ends_on is null) as responsible_since,
           (select min(sl.starts_at) from meeting m join meeting_slot sl on sl.id = m.slot_id
             where m.citizen_id = s.id and m.cancelled_at is null and sl.starts_at > now()) as next_meeting_at,
           (select count(*)::int from message_thread t, org
             where t.citizen_id = s.id and t.organisation_id = org.id and t.inbox_rank = 0) as unread_threads,
           greatest(
             (select max(greatest(pa.created_at, pa.updated_at)) from plan_activity pa where pa.citizen_id = s.id),
             (select max(ev.occurred_at) from activity_event ev where ev.citizen_id = s.id)) as last_activity_at,
           exists (select 1 from plan_activity pa where pa.citizen_id = s.id) as has_plan
      from served s
      cross join org
      left join citizen_profile pr on pr.citizen_id = s.id
      left join citizen_caseworker a on a.citizen_id = s.id and a.organisation_id = org.id
      left join lateral (select e.id, e.created_at from escalation e where e.citizen_id = s.id and e.status <> 'closed'
                          order by e.created_at limit 1) w on true
  )
  select r.id, r.full_name, r.target_group, r.journey_stage, r.caseworker_subject, r.caseworker_name, r.waiting_since,
         r.waiting_escalation_id, r.responsible_since, r.next_meeting_at, r.unread_threads, r.last_activity_at, count(*) over () as total
    from rows r
   where (p_scope = 'team' or (p_scope = 'mine' and r.caseworker_subject = p_subject) or (p_scope = 'unassigned' and r.caseworker_subject is null))
     and (p_target_group is null or r.target_group = p_target_group)
     and (p_stage is null or r.journey_stage = p_stage)
     and (not p_waiting or r.waiting_since is not null)
     and (not p_without_plan or not r.has_plan)
     and (not p_inactive or (r.has_plan and r.last_activity_at < now() - interval '30 days'))
     and (not p_unread or r.unread_threads > 0)
     and (not p_meeting or r.next_meeting_at is not null)
   order by
     case when p_sort = 'waiting' then r.waiting_since end asc nulls last,
     case when p_sort = 'meeting' then r.next_meeting_at end asc nulls last,
     case when p_sort = 'quiet' then coalesce(r.last_activity_at, '-infinity') end asc,
     r.full_name collate "da-DK-x-icu", r.id
   offset p_offset
   limit p_limit
$$;
revoke all on function caseload_page(text, text, text, text, boolean, boolean, boolean, boolean, boolean, text, int, int) from public;
grant execute on function caseload_page(text, text, text, text, boolean, boolean, boolean, boolean, boolean, text, int, int) to jobunivers_app;
