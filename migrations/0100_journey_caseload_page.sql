-- journey: the caseload's page in one statement that stays fast at 20,000 citizens (0099's computed every citizen's
-- facts with five correlated subqueries before it sorted and counted: about a second for a municipality's whole team).
-- Now a filter asks its question only when it is set (an index probe per citizen, or a small set found once), a sort
-- key is looked up only when that order is asked for, and the facts shown — escalation, meeting, unread, latest activity, since when
-- — are read for the page's rows alone. Same signature, same answer.
create or replace function caseload_page(
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
  -- A kommune's own municipality (none for an a-kasse or another actor), as a value the citizen index is searched by.
  home as (
    select substr(id, 9)::char(3) as code from org where id like 'kommune-%'
  ),
  -- The two ways an organisation serves a citizen, which exclude each other: no open period and the kommune of their
  -- municipality, or an open period naming it.
  served as (
    select c.id, c.full_name
      from citizen c
     where c.municipality_code = (select code from home)
       and not exists (select 1 from responsibility_period p where p.citizen_id = c.id and p.ends_on is null)
    union all
    select c.id, c.full_name
      from responsibility_period p
      join citizen c on c.id = p.citizen_id
      join org on p.organisation_id = org.id
     where p.ends_on is null
  ),
  -- Each filter asks its question only when it is set; the facts to show are read for the page's rows alone.
  filtered as (
    select s.id, s.full_name
      from served s
      cross join org
     where (p_scope = 'team'
            or (p_scope = 'mine' and s.id in (select a.citizen_id from citizen_caseworker a, org o
                                               where a.organisation_id = o.id and a.caseworker_subject = p_subject))
            or (p_scope = 'unassigned' and s.id not in (select a.citizen_id from citizen_caseworker a, org o where a.organisation_id = o.id)))
       and (p_target_group is null or s.id in (select pr.citizen_id from citizen_profile pr where pr.target_group = p_target_group))
       and (p_stage is null or s.id in (select pr.citizen_id from citizen_profile pr where pr.journey_stage = p_stage))
       and (not p_waiting or s.id in (select e.citizen_id from escalation e where e.status <> 'closed'))
       and (not p_without_plan or not exists (select 1 from plan_activity pa where pa.citizen_id = s.id))
       and (not p_unread or s.id in (select t.citizen_id from message_thread t, org o where t.organisation_id = o.id and t.inbox_rank = 0))
       and (not p_meeting or s.id in (select m.citizen_id from meeting m join meeting_slot sl on sl.id = m.slot_id
                                       where m.cancelled_at is null and sl.starts_at > now()))
       -- Joblog's rule: a plan, and neither a change of it nor a reported event for 30 days.
       and (not p_inactive or (exists (select 1 from plan_activity pa where pa.citizen_id = s.id)
                               and not exists (select 1 from plan_activity pa where pa.citizen_id = s.id
                                                  and greatest(pa.created_at, pa.updated_at) >= now() - interval '30 days')
                               and not exists (select 1 from activity_event ev where ev.citizen_id = s.id
                                                  and ev.occurred_at >= now() - interval '30 days')))
  ),
  keyed as (
    select f.*,
           case p_sort
             when 'waiting' then w.since
             when 'meeting' then nm.starts_at
             when 'quiet' then coalesce(greatest(q.changed_at, q.event_at), '-infinity')
           end as sort_key,
           count(*) over () as total
      from filtered f
      left join (select e.citizen_id, min(e.created_at) as since from escalation e
                  where p_sort = 'waiting' and e.status <> 'closed' group by e.citizen_id) w on w.citizen_id = f.id
      left join (select m.citizen_id, min(sl.starts_at) as starts_at from meeting m join meeting_slot sl on sl.id = m.slot_id
                  where p_sort = 'meeting' and m.cancelled_at is null and sl.starts_at > now() group by m.citizen_id) nm on nm.citizen_id = f.id
      left join lateral (select (select max(greatest(pa.created_at, pa.updated_at)) from plan_activity pa where pa.citizen_id = f.id) as changed_at,
                                (select max(ev.occurred_at) from activity_event ev where ev.citizen_id = f.id) as event_at
                          where p_sort = 'quiet') q on true
     order by sort_key asc nulls last, f.full_name collate "da-DK-x-icu", f.id
    offset p_offset
     limit p_limit
  )
  select k.id, k.full_name, pr.target_group, pr.journey_stage, a.caseworker_subject, a.caseworker_name,
         w.created_at, w.id,
         (select to_char(p.starts_on, 'YYYY-MM-DD') from responsibility_period p where p.citizen_id = k.id and p.ends_on is null),
         (select min(sl.starts_at) from meeting m join meeting_slot sl on sl.id = m.slot_id
           where m.citizen_id = k.id and m.cancelled_at is null and sl.starts_at > now()),
         (select count(*)::int from message_thread t, org where t.citizen_id = k.id and t.organisation_id = org.id and t.inbox_rank = 0),
         greatest((select max(greatest(pa.created_at, pa.updated_at)) from plan_activity pa where pa.citizen_id = k.id),
                  (select max(ev.occurred_at) from activity_event ev where ev.citizen_id = k.id)),
         k.total
    from keyed k
    cross join org
    left join citizen_profile pr on pr.citizen_id = k.id
    left join citizen_caseworker a on a.citizen_id = k.id and a.organisation_id = org.id
    left join lateral (select e.id, e.created_at from escalation e where e.citizen_id = k.id and e.status <> 'closed'
                        order by e.created_at limit 1) w on true
   order by k.sort_key asc nulls last, k.full_name collate "da-DK-x-icu", k.id
$$;
