-- statistics: a month tier over the daily rollups (0080), so a long period costs its months, not its days. The
-- dashboards read a period as its whole months from these tables and its days before the first and after the last
-- whole month from the day tables. Kept by statistics_refresh_months below from the day tables (never from raw
-- events), for the months and weeks the days it is given fall in.

-- The funnel per municipality × month (its first day) × listing × target group × journey stage: sums of the days.
create table statistics_listing_month (
  municipality_code char(3) not null,
  month             date not null check (extract(day from month) = 1),
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
  primary key (municipality_code, month, listing_id, target_group, journey_stage)
);
create index statistics_listing_month_month on statistics_listing_month (month, listing_id);

-- Which citizens were active in a month: a period's reach is a distinct count over its months' and edge days' rows.
create table statistics_citizen_month (
  municipality_code char(3) not null,
  month             date not null check (extract(day from month) = 1),
  citizen_id        uuid not null,
  primary key (municipality_code, month, citizen_id)
);

-- Distinct active citizens per municipality and week (Monday to Sunday): the dashboard's weekly chart.
create table statistics_reach_week (
  municipality_code char(3) not null,
  week              date not null check (extract(isodow from week) = 1),
  citizens          int not null check (citizens > 0),
  primary key (municipality_code, week)
);

alter table statistics_listing_month enable row level security;
alter table statistics_citizen_month enable row level security;
alter table statistics_reach_week enable row level security;
create policy statistics_listing_month_reads on statistics_listing_month for select
  using (municipality_code = current_setting('app.municipality', true) or current_setting('app.national', true) = 'on');
create policy statistics_citizen_month_reads on statistics_citizen_month for select
  using (municipality_code = current_setting('app.municipality', true) or current_setting('app.national', true) = 'on');
create policy statistics_reach_week_reads on statistics_reach_week for select
  using (municipality_code = current_setting('app.municipality', true) or current_setting('app.national', true) = 'on');
revoke insert, update, delete on statistics_listing_month, statistics_citizen_month, statistics_reach_week from jobunivers_app;
grant select on statistics_listing_month, statistics_citizen_month, statistics_reach_week to jobunivers_app;

-- Recomputes the months and weeks the given days fall in (every one when p_all) from the day tables, each deleted and
-- inserted again in this transaction. Called right after statistics_refresh_days with the days it recomputed.
create function statistics_refresh_months(p_all boolean, p_days date[]) returns void
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
    delete from statistics_reach_week;
    insert into statistics_listing_month
    select municipality_code, date_trunc('month', day)::date, listing_id, target_group, journey_stage,
           sum(launches), sum(starts), sum(completions), sum(drops), sum(events), sum(ratings), sum(rating_stars), sum(dismissals)
      from statistics_listing_day group by 1, 2, 3, 4, 5;
    insert into statistics_citizen_month
    select distinct municipality_code, date_trunc('month', day)::date, citizen_id from statistics_citizen_day;
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
  delete from statistics_reach_week where week = any (v_weeks);
  insert into statistics_listing_month
  select l.municipality_code, date_trunc('month', l.day)::date, l.listing_id, l.target_group, l.journey_stage,
         sum(l.launches), sum(l.starts), sum(l.completions), sum(l.drops), sum(l.events), sum(l.ratings), sum(l.rating_stars), sum(l.dismissals)
    from statistics_listing_day l join unnest(v_months) m on l.day >= m and l.day < m + interval '1 month'
   group by 1, 2, 3, 4, 5;
  insert into statistics_citizen_month
  select distinct c.municipality_code, m, c.citizen_id
    from statistics_citizen_day c join unnest(v_months) m on c.day >= m and c.day < m + interval '1 month';
  insert into statistics_reach_week
  select c.municipality_code, w, count(distinct c.citizen_id)
    from statistics_citizen_day c join unnest(v_weeks) w on c.day >= w and c.day < w + 7
   group by 1, 2;
end
$$;
revoke all on function statistics_refresh_months(boolean, date[]) from public;
grant execute on function statistics_refresh_months(boolean, date[]) to jobunivers_app;
