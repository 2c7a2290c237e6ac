-- statistics: the marketplace's views and searches (0085) and attendance at local offers (0084) in the rollups
-- (issue 16). The funnel gains "shown" (a listing on a marketplace page a citizen saw) and "viewed" (its own page
-- opened) before "launched"; each municipality's day gains its searches, those without results, and who came or did
-- not come to its local offers (on the offer's day); the words searched for are counted per day and month.
-- statistics_refresh_days is 0083's with those sources added; statistics_refresh_months is 0082's with the new columns.

alter table statistics_listing_day add column shown int not null default 0 check (shown >= 0),
                                   add column viewed int not null default 0 check (viewed >= 0);
alter table statistics_listing_month add column shown int not null default 0 check (shown >= 0),
                                     add column viewed int not null default 0 check (viewed >= 0);
alter table statistics_municipality_day
  add column searches int not null default 0 check (searches >= 0),
  add column searches_without_results int not null default 0 check (searches_without_results >= 0),
  add column attended int not null default 0 check (attended >= 0),
  add column not_attended int not null default 0 check (not_attended >= 0);

-- The words citizens searched the marketplace for, per municipality × day (and month): how often, and how often the
-- search found nothing. A search of three words counts once for each word.
create table statistics_search_day (
  municipality_code char(3) not null,
  day               date not null,
  term              text not null,
  searches          int not null check (searches > 0),
  without_results   int not null check (without_results >= 0),
  primary key (municipality_code, day, term)
);
create index statistics_search_day_day on statistics_search_day (day);
create table statistics_search_month (
  municipality_code char(3) not null,
  month             date not null check (extract(day from month) = 1),
  term              text not null,
  searches          int not null check (searches > 0),
  without_results   int not null check (without_results >= 0),
  primary key (municipality_code, month, term)
);
alter table statistics_search_day enable row level security;
alter table statistics_search_month enable row level security;
create policy statistics_search_day_reads on statistics_search_day for select
  using (municipality_code = current_setting('app.municipality', true) or current_setting('app.national', true) = 'on');
create policy statistics_search_month_reads on statistics_search_month for select
  using (municipality_code = current_setting('app.municipality', true) or current_setting('app.national', true) = 'on');
revoke insert, update, delete on statistics_search_day, statistics_search_month from jobunivers_app;
grant select on statistics_search_day, statistics_search_month to jobunivers_app;

-- Block-range index for finding the offers' days whose attendance was recorded since the last run.
create index local_offer_signup_attendance_brin on local_offer_signup using brin (attendance_recorded_at);

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
      union select (occurred_at at time zone 'Europe/Copenhagen')::date from marketplace_view
      union select (o.starts_at at time zone 'Europe/Copenhagen')::date
              from local_offer_signup s join local_offer o on o.id = s.offer_id where s.attended is not null
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
      union select (occurred_at at time zone 'Europe/Copenhagen')::date from marketplace_view where occurred_at > v_since
      union select (o.starts_at at time zone 'Europe/Copenhagen')::date
              from local_offer_signup s join local_offer o on o.id = s.offer_id where s.attendance_recorded_at > v_since
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
  delete from statistics_search_day where v_everything or day = any (v_days);

  insert into statistics_listing_day (municipality_code, day, listing_id, target_group, journey_stage,
                                      launches, starts, completions, drops, events, ratings, rating_stars, dismissals, shown, viewed)
  select f.municipality_code, f.day, f.listing_id,
         coalesce(f.target_group, j.target_group, 'unknown'), coalesce(f.journey_stage, j.journey_stage, 'unknown'),
         sum(f.launches), sum(f.starts), sum(f.completions), sum(f.drops), sum(f.events), sum(f.ratings), sum(f.stars), sum(f.dismissals),
         sum(f.shown), sum(f.viewed)
    from (
      select e.municipality_code, (e.occurred_at at time zone 'Europe/Copenhagen')::date as day, e.listing_id, e.citizen_id,
             null::text as target_group, null::text as journey_stage,
             0 as launches,
             (e.type = 'dk.jobunivers.activity.started')::int as starts,
             (e.type = 'dk.jobunivers.activity.completed')::int as completions,
             (e.type = 'dk.jobunivers.activity.dropped')::int as drops,
             1 as events, 0 as ratings, 0 as stars, 0 as dismissals, 0 as shown, 0 as viewed
        from activity_event e
       where e.occurred_at >= v_from and e.occurred_at < v_to
         and (v_everything or (e.occurred_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select l.municipality_code, (l.launched_at at time zone 'Europe/Copenhagen')::date, l.listing_id, l.citizen_id, null, null,
             1, 0, 0, 0, 0, 0, 0, 0, 0, 0
        from listing_launch l
       where l.outcome = 'launched' and l.launched_at >= v_from and l.launched_at < v_to
         and (v_everything or (l.launched_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select r.municipality_code, (r.created_at at time zone 'Europe/Copenhagen')::date, r.listing_id, r.citizen_id, null, null,
             0, 0, 0, 0, 0, 1, r.stars, 0, 0, 0
        from listing_rating r
       where (v_everything or (r.created_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select d.municipality_code, (d.dismissed_at at time zone 'Europe/Copenhagen')::date, d.item_id, d.citizen_id, null, null,
             0, 0, 0, 0, 0, 0, 0, 1, 0, 0
        from recommendation_dismissal d
       where d.item_kind = 'listing' and (v_everything or (d.dismissed_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      -- Views carry the target group and stage they were seen with, and no citizen.
      select v.municipality_code, (v.occurred_at at time zone 'Europe/Copenhagen')::date, shown_listing, null, v.target_group, v.journey_stage,
             0, 0, 0, 0, 0, 0, 0, 0, (v.page = 'list')::int, (v.page = 'listing')::int
        from marketplace_view v cross join unnest(v.listing_ids) as shown_listing
       where v.occurred_at >= v_from and v.occurred_at < v_to
         and (v_everything or (v.occurred_at at time zone 'Europe/Copenhagen')::date = any (v_days))
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

  insert into statistics_municipality_day (municipality_code, day, screenings, escalations, escalations_closed, sign_ups, sign_ups_cancelled,
                                           searches, searches_without_results, attended, not_attended)
  select f.municipality_code, f.day, sum(f.screenings), sum(f.escalations), sum(f.closed), sum(f.sign_ups), sum(f.cancelled),
         sum(f.searches), sum(f.empty), sum(f.attended), sum(f.absent)
    from (
      select p.municipality_code, (p.screened_at at time zone 'Europe/Copenhagen')::date as day, 1 as screenings, 0 as escalations, 0 as closed,
             0 as sign_ups, 0 as cancelled, 0 as searches, 0 as empty, 0 as attended, 0 as absent
        from citizen_profile p where p.screened_at is not null and (v_everything or (p.screened_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select x.municipality_code, (x.created_at at time zone 'Europe/Copenhagen')::date, 0, 1, 0, 0, 0, 0, 0, 0, 0
        from escalation x where (v_everything or (x.created_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select x.municipality_code, (x.closed_at at time zone 'Europe/Copenhagen')::date, 0, 0, 1, 0, 0, 0, 0, 0, 0
        from escalation x where x.closed_at is not null and (v_everything or (x.closed_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select s.municipality_code, (s.signed_up_at at time zone 'Europe/Copenhagen')::date, 0, 0, 0, 1, 0, 0, 0, 0, 0
        from local_offer_signup s where (v_everything or (s.signed_up_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select s.municipality_code, (s.cancelled_at at time zone 'Europe/Copenhagen')::date, 0, 0, 0, 0, 1, 0, 0, 0, 0
        from local_offer_signup s where s.cancelled_at is not null and (v_everything or (s.cancelled_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      select v.municipality_code, (v.occurred_at at time zone 'Europe/Copenhagen')::date, 0, 0, 0, 0, 0, 1, (v.results = 0)::int, 0, 0
        from marketplace_view v
       where v.search_terms is not null and v.occurred_at >= v_from and v.occurred_at < v_to
         and (v_everything or (v.occurred_at at time zone 'Europe/Copenhagen')::date = any (v_days))
      union all
      -- Attendance counts on the offer's day, whenever it was recorded.
      select s.municipality_code, (o.starts_at at time zone 'Europe/Copenhagen')::date, 0, 0, 0, 0, 0, 0, 0, s.attended::int, (not s.attended)::int
        from local_offer_signup s join local_offer o on o.id = s.offer_id
       where s.attended is not null and (v_everything or (o.starts_at at time zone 'Europe/Copenhagen')::date = any (v_days))
    ) f
   group by 1, 2;

  insert into statistics_search_day (municipality_code, day, term, searches, without_results)
  select v.municipality_code, (v.occurred_at at time zone 'Europe/Copenhagen')::date, term, count(*), count(*) filter (where v.results = 0)
    from marketplace_view v cross join unnest(v.search_terms) as term
   where v.search_terms is not null and v.occurred_at >= v_from and v.occurred_at < v_to
     and (v_everything or (v.occurred_at at time zone 'Europe/Copenhagen')::date = any (v_days))
   group by 1, 2, 3;

  -- Whoever keeps national figures forgets them (the statistics' own cache), in every process, at commit.
  perform announce_change('statisticsRefreshed', '{}'::jsonb, 'statistics_listing_day');
  return query select unnest(v_days) order by 1;
end
$$;

create or replace function statistics_refresh_months(p_all boolean, p_days date[]) returns void
language plpgsql
security definer
set search_path = public
as $$
declare
  v_months date[];
  v_weeks date[];
begin
  if p_all then
    delete from statistics_listing_month;
    delete from statistics_citizen_month;
    delete from statistics_search_month;
    delete from statistics_reach_week;
    insert into statistics_listing_month (municipality_code, month, listing_id, target_group, journey_stage,
                                          launches, starts, completions, drops, events, ratings, rating_stars, dismissals, shown, viewed)
    select municipality_code, date_trunc('month', day)::date, listing_id, target_group, journey_stage,
           sum(launches), sum(starts), sum(completions), sum(drops), sum(events), sum(ratings), sum(rating_stars), sum(dismissals),
           sum(shown), sum(viewed)
      from statistics_listing_day group by 1, 2, 3, 4, 5;
    insert into statistics_citizen_month
    select distinct municipality_code, date_trunc('month', day)::date, citizen_id from statistics_citizen_day;
    insert into statistics_search_month (municipality_code, month, term, searches, without_results)
    select municipality_code, date_trunc('month', day)::date, term, sum(searches), sum(without_results)
      from statistics_search_day group by 1, 2, 3;
    insert into statistics_reach_week
    select municipality_code, date_trunc('week', day)::date, count(distinct citizen_id) from statistics_citizen_day group by 1, 2;
    return;
  end if;
  if p_days is null or cardinality(p_days) = 0 then
    return;
  end if;
  select array_agg(distinct date_trunc('month', d)::date), array_agg(distinct date_trunc('week', d)::date)
    into v_months, v_weeks from unnest(p_days) d;

  delete from statistics_listing_month where month = any (v_months);
  delete from statistics_citizen_month where month = any (v_months);
  delete from statistics_search_month where month = any (v_months);
  delete from statistics_reach_week where week = any (v_weeks);
  insert into statistics_listing_month (municipality_code, month, listing_id, target_group, journey_stage,
                                        launches, starts, completions, drops, events, ratings, rating_stars, dismissals, shown, viewed)
  select l.municipality_code, date_trunc('month', l.day)::date, l.listing_id, l.target_group, l.journey_stage,
         sum(l.launches), sum(l.starts), sum(l.completions), sum(l.drops), sum(l.events), sum(l.ratings), sum(l.rating_stars), sum(l.dismissals),
         sum(l.shown), sum(l.viewed)
    from statistics_listing_day l join unnest(v_months) m on l.day >= m and l.day < m + interval '1 month'
   group by 1, 2, 3, 4, 5;
  insert into statistics_citizen_month
  select distinct c.municipality_code, m, c.citizen_id
    from statistics_citizen_day c join unnest(v_months) m on c.day >= m and c.day < m + interval '1 month';
  insert into statistics_search_month (municipality_code, month, term, searches, without_results)
  select s.municipality_code, m, s.term, sum(s.searches), sum(s.without_results)
    from statistics_search_day s join unnest(v_months) m on s.day >= m and s.day < m + interval '1 month'
   group by 1, 2, 3;
  insert into statistics_reach_week
  select c.municipality_code, w, count(distinct c.citizen_id)
    from statistics_citizen_day c join unnest(v_weeks) w on c.day >= w and c.day < w + 7
   group by 1, 2;
end
$$;

-- curation's read model of sign-ups gains whether the citizen came (null until recorded), for the dashboard's table of
-- local offers.
create or replace view municipality_offer_sign_up with (security_invoker = true) as
select s.offer_id, s.citizen_id, s.municipality_code, s.signed_up_at, s.cancelled_at, s.attended
from local_offer_signup s;
