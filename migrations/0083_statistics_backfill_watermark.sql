-- statistics: a backfill (statistics_refresh_days with p_days) moved the watermark to now although it looked only at
-- the days it was given, so anything recorded since the previous run for other days would have waited for a full
-- recomputation. The function is the same as in 0080 except that a backfill leaves the watermark where it was.
create or replace function statistics_refresh_days(p_all boolean, p_days date[] default null) returns setof date
language plpgsql
security definer
set search_path = public
as $$
declare
  v_since timestamptz;
  v_days date[];
  v_from timestamptz;
  v_to timestamptz;
  v_everything boolean := false;
begin
  -- One refresh at a time: a second waits here and then sees the first one's watermark.
  select day_watermark - interval '10 minutes' into v_since from statistics_refresh_state where id for update;

  if p_days is not null then
    v_days := p_days;
  elsif p_all or v_since is null then
    -- Every day with data: the ranges below alone select the rows (testing each against a long list of days would not).
    v_everything := true;
    select coalesce(array_agg(distinct d), '{}') into v_days from (
      select (occurred_at at time zone 'Europe/Copenhagen')::date as d from activity_event
      union select (launched_at at time zone 'Europe/Copenhagen')::date from listing_launch
      union select (created_at at time zone 'Europe/Copenhagen')::date from listing_rating
      union select (dismissed_at at time zone 'Europe/Copenhagen')::date from recommendation_dismissal
      union select (screened_at at time zone 'Europe/Copenhagen')::date from citizen_profile where screened_at is not null
      union select (created_at at time zone 'Europe/Copenhagen')::date from escalation
      union select (closed_at at time zone 'Europe/Copenhagen')::date from escalation where closed_at is not null
      union select (signed_up_at at time zone 'Europe/Copenhagen')::date from local_offer_signup
      union select (cancelled_at at time zone 'Europe/Copenhagen')::date from local_offer_signup where cancelled_at is not null
    ) s;
  else
    select coalesce(array_agg(distinct d), '{}') into v_days from (
      select (occurred_at at time zone 'Europe/Copenhagen')::date as d from activity_event where received_at > v_since
      union select (launched_at at time zone 'Europe/Copenhagen')::date from listing_launch where launched_at > v_since
      union select (created_at at time zone 'Europe/Copenhagen')::date from listing_rating where updated_at > v_since
      union select (dismissed_at at time zone 'Europe/Copenhagen')::date from recommendation_dismissal where dismissed_at > v_since
      union select (screened_at at time zone 'Europe/Copenhagen')::date from citizen_profile where updated_at > v_since and screened_at is not null
      union select (created_at at time zone 'Europe/Copenhagen')::date from escalation where created_at > v_since
      union select (closed_at at time zone 'Europe/Copenhagen')::date from escalation where closed_at > v_since
      union select (signed_up_at at time zone 'Europe/Copenhagen')::date from local_offer_signup where signed_up_at > v_since
      union select (cancelled_at at time zone 'Europe/Copenhagen')::date from local_offer_signup where cancelled_at > v_since
    ) s;
  end if;

  -- A backfill of given days looked at nothing else: the watermark stays, so the next run still finds what arrived.
  if p_days is null then
    update statistics_refresh_state set day_watermark = now() where id;
  end if;
  if cardinality(v_days) = 0 then
    return;
  end if;

  -- The instants the days span, so the block-range indexes can narrow the scans; the exact day is tested as well.
  select min(d)::timestamp at time zone 'Europe/Copenhagen', (max(d) + 1)::timestamp at time zone 'Europe/Copenhagen'
    into v_from, v_to from unnest(v_days) d;

  delete from statistics_listing_day where v_everything or day = any (v_days);
  delete from statistics_citizen_day where v_everything or day = any (v_days);
  delete from statistics_municipality_day where v_everything or day = any (v_days);

  insert into statistics_listing_day (municipality_code, day, listing_id, target_group, journey_stage,
                                      launches, starts, completions, drops, events, ratings, rating_stars, dismissals)
  select f.municipality_code, f.day, f.listing_id, coalesce(j.target_group, 'unknown'), coalesce(j.journey_stage, 'unknown'),
         sum(f.launches), sum(f.starts), sum(f.completions), sum(f.drops), sum(f.events), sum(f.ratings), sum(f.stars), sum(f.dismissals)
    from (
      select e.municipality_code, (e.occurred_at at time zone 'Europe/Copenhagen')::date as day, e.listing_id, e.citizen_id,
             0 as launches,
             (e.type = 'dk.jobunivers.activity.started')::int as starts,
             (e.type = 'dk.jobunivers.activity.completed')::int as completions,
             (e.type = 'dk.jobunivers.activity.dropped')::int as drops,
             1 as events, 0 as ratings, 0 as stars, 0 as dismissals
        from activity_event e
       where e.occurred_at >= v_from and e.occurred_at < v_to
         and (v_everything or (e.occurred_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select l.municipality_code, (l.launched_at at time zone 'Europe/Copenhagen')::date, l.listing_id, l.citizen_id, 1, 0, 0, 0, 0, 0, 0, 0
        from listing_launch l
       where l.outcome = 'launched' and l.launched_at >= v_from and l.launched_at < v_to
         and (v_everything or (l.launched_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select r.municipality_code, (r.created_at at time zone 'Europe/Copenhagen')::date, r.listing_id, r.citizen_id, 0, 0, 0, 0, 0, 1, r.stars, 0
        from listing_rating r
       where (v_everything or (r.created_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select d.municipality_code, (d.dismissed_at at time zone 'Europe/Copenhagen')::date, d.item_id, d.citizen_id, 0, 0, 0, 0, 0, 0, 0, 1
        from recommendation_dismissal d
       where d.item_kind = 'listing' and (v_everything or (d.dismissed_at at time zone 'Europe/Copenhagen')::date = any (v_days))
    ) f
    left join citizen_profile j on j.citizen_id = f.citizen_id
   group by 1, 2, 3, 4, 5;

  insert into statistics_citizen_day (municipality_code, day, citizen_id)
  select e.municipality_code, (e.occurred_at at time zone 'Europe/Copenhagen')::date, e.citizen_id
    from activity_event e
   where e.occurred_at >= v_from and e.occurred_at < v_to
     and (v_everything or (e.occurred_at at time zone 'Europe/Copenhagen')::date = any (v_days))
  union
  select l.municipality_code, (l.launched_at at time zone 'Europe/Copenhagen')::date, l.citizen_id
    from listing_launch l
   where l.outcome = 'launched' and l.launched_at >= v_from and l.launched_at < v_to
     and (v_everything or (l.launched_at at time zone 'Europe/Copenhagen')::date = any (v_days));

  insert into statistics_municipality_day (municipality_code, day, screenings, escalations, escalations_closed, sign_ups, sign_ups_cancelled)
  select f.municipality_code, f.day, sum(f.screenings), sum(f.escalations), sum(f.closed), sum(f.sign_ups), sum(f.cancelled)
    from (
      select p.municipality_code, (p.screened_at at time zone 'Europe/Copenhagen')::date as day, 1 as screenings, 0 as escalations, 0 as closed, 0 as sign_ups, 0 as cancelled
        from citizen_profile p where p.screened_at is not null and (v_everything or (p.screened_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select x.municipality_code, (x.created_at at time zone 'Europe/Copenhagen')::date, 0, 1, 0, 0, 0
        from escalation x where (v_everything or (x.created_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select x.municipality_code, (x.closed_at at time zone 'Europe/Copenhagen')::date, 0, 0, 1, 0, 0
        from escalation x where x.closed_at is not null and (v_everything or (x.closed_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select s.municipality_code, (s.signed_up_at at time zone 'Europe/Copenhagen')::date, 0, 0, 0, 1, 0
        from local_offer_signup s where (v_everything or (s.signed_up_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select s.municipality_code, (s.cancelled_at at time zone 'Europe/Copenhagen')::date, 0, 0, 0, 0, 1
        from local_offer_signup s where s.cancelled_at is not null and (v_everything or (s.cancelled_at at time zone 'Europe/Copenhagen')::date = any (v_days))
    ) f
   group by 1, 2;

  -- Whoever keeps national figures forgets them (the statistics' own cache), in every process, at commit.
  perform announce_change('statisticsRefreshed', '{}'::jsonb, 'statistics_listing_day');
  return query select unnest(v_days) order by 1;
end
$$;
