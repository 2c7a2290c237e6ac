-- statistics: the dashboards' daily rollups (issue 16). The municipal dashboard and governance's oversight read these
-- rows, never the raw events: per Copenhagen calendar day, kept by the job statistics.refresh through
-- statistics_refresh_days below, which recomputes whole days (late events and late ratings fold into their own day).
--
-- A citizen's target group and journey stage are the journey's when the day was last computed ('unknown' when absent).
-- No foreign keys: every row is derived from rows that have them, and the refresh rewrites days in bulk.

-- Per municipality (the citizen's when the event, launch, rating or dismissal was recorded) × day × listing × target
-- group × journey stage: the funnel's counts. Additive over days, so any period is a sum.
create table statistics_listing_day (
  municipality_code char(3) not null,
  day               date not null,
  listing_id        uuid not null,
  target_group      text not null,
  journey_stage     text not null,
  launches          int not null default 0 check (launches >= 0),
  starts            int not null default 0 check (starts >= 0),
  completions       int not null default 0 check (completions >= 0),
  drops             int not null default 0 check (drops >= 0),
  events            int not null default 0 check (events >= 0),
  ratings           int not null default 0 check (ratings >= 0),
  rating_stars      int not null default 0 check (rating_stars >= 0),
  dismissals        int not null default 0 check (dismissals >= 0),
  primary key (municipality_code, day, listing_id, target_group, journey_stage)
);
create index statistics_listing_day_day on statistics_listing_day (day, listing_id);

-- Which citizens were active (an event or a launch) on a day: the reach of any period is a distinct count over these
-- rows, which a sum of daily counts could not give.
create table statistics_citizen_day (
  municipality_code char(3) not null,
  day               date not null,
  citizen_id        uuid not null,
  primary key (municipality_code, day, citizen_id)
);

-- Per municipality × day: screenings (by the profile's latest screening), escalations opened and closed, local offer
-- sign-ups (and cancellations).
create table statistics_municipality_day (
  municipality_code  char(3) not null,
  day                date not null,
  screenings         int not null default 0 check (screenings >= 0),
  escalations        int not null default 0 check (escalations >= 0),
  escalations_closed int not null default 0 check (escalations_closed >= 0),
  sign_ups           int not null default 0 check (sign_ups >= 0),
  sign_ups_cancelled int not null default 0 check (sign_ups_cancelled >= 0),
  primary key (municipality_code, day)
);

alter table statistics_refresh_state add column day_watermark timestamptz;

-- Finding what arrived since the last run without a b-tree on the events' hot insert path: block-range indexes cost
-- next to nothing to keep and narrow a scan of rows appended in time order.
create index activity_event_received_brin on activity_event using brin (received_at);
create index activity_event_occurred_brin on activity_event using brin (occurred_at);
create index listing_launch_launched_brin on listing_launch using brin (launched_at);

-- A municipality's content owners and administrators read their own municipality's rows (app.municipality);
-- governance and the national comparison read every municipality's (app.national = 'on', set only by the statistics
-- service for national figures). Only statistics_refresh_days writes.
alter table statistics_listing_day enable row level security;
alter table statistics_citizen_day enable row level security;
alter table statistics_municipality_day enable row level security;
create policy statistics_listing_day_reads on statistics_listing_day for select
  using (municipality_code = current_setting('app.municipality', true) or current_setting('app.national', true) = 'on');
create policy statistics_citizen_day_reads on statistics_citizen_day for select
  using (municipality_code = current_setting('app.municipality', true) or current_setting('app.national', true) = 'on');
create policy statistics_municipality_day_reads on statistics_municipality_day for select
  using (municipality_code = current_setting('app.municipality', true) or current_setting('app.national', true) = 'on');
revoke insert, update, delete on statistics_listing_day, statistics_citizen_day, statistics_municipality_day from jobunivers_app;
grant select on statistics_listing_day, statistics_citizen_day, statistics_municipality_day to jobunivers_app;

-- Recomputes whole days: p_days when given (a backfill), every day with data when p_all, otherwise the days touched
-- by anything recorded since the last run (less ten minutes, for a transaction that began before that run and
-- committed after it). Each day is deleted and inserted again in this one transaction, so recomputing is idempotent.
-- Runs as the owner: counting crosses every tenant and the row-level security of the events, launches, ratings and
-- journeys would hide them from the app role. It is the one place that reads those modules' tables to count them.
-- Returns the days it recomputed.
create function statistics_refresh_days(p_all boolean, p_days date[] default null) returns setof date
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

  update statistics_refresh_state set day_watermark = now() where id;
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
revoke all on function statistics_refresh_days(boolean, date[]) from public;
grant execute on function statistics_refresh_days(boolean, date[]) to jobunivers_app;
