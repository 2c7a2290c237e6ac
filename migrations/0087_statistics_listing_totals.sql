-- statistics: a coarser tier of the funnel per municipality × day (and month) × listing, summed over target groups and
-- journey stages, so what does not ask for a group reads a fraction of the rows. The national figures (every
-- municipality's funnel per listing, for the medians and governance's oversight) and a municipality's dashboard
-- without a group filter read these; the tables per group and stage (0080, 0082) stay for the filtered funnel and the
-- groups' table. Kept by statistics_refresh_totals from those tables, in the same transaction as they are refreshed.

create table statistics_listing_total_day (
  municipality_code char(3) not null,
  day               date not null,
  listing_id        uuid not null,
  shown             int not null default 0 check (shown >= 0),
  viewed            int not null default 0 check (viewed >= 0),
  launches          int not null default 0 check (launches >= 0),
  starts            int not null default 0 check (starts >= 0),
  completions       int not null default 0 check (completions >= 0),
  drops             int not null default 0 check (drops >= 0),
  events            int not null default 0 check (events >= 0),
  ratings           int not null default 0 check (ratings >= 0),
  rating_stars      int not null default 0 check (rating_stars >= 0),
  dismissals        int not null default 0 check (dismissals >= 0),
  primary key (municipality_code, day, listing_id)
);
create index statistics_listing_total_day_day on statistics_listing_total_day (day);

create table statistics_listing_total_month (
  municipality_code char(3) not null,
  month             date not null check (extract(day from month) = 1),
  listing_id        uuid not null,
  shown             int not null default 0 check (shown >= 0),
  viewed            int not null default 0 check (viewed >= 0),
  launches          int not null default 0 check (launches >= 0),
  starts            int not null default 0 check (starts >= 0),
  completions       int not null default 0 check (completions >= 0),
  drops             int not null default 0 check (drops >= 0),
  events            int not null default 0 check (events >= 0),
  ratings           int not null default 0 check (ratings >= 0),
  rating_stars      int not null default 0 check (rating_stars >= 0),
  dismissals        int not null default 0 check (dismissals >= 0),
  primary key (municipality_code, month, listing_id)
);
create index statistics_listing_total_month_month on statistics_listing_total_month (month);

alter table statistics_listing_total_day enable row level security;
alter table statistics_listing_total_month enable row level security;
create policy statistics_listing_total_day_reads on statistics_listing_total_day for select
  using (municipality_code = current_setting('app.municipality', true) or current_setting('app.national', true) = 'on');
create policy statistics_listing_total_month_reads on statistics_listing_total_month for select
  using (municipality_code = current_setting('app.municipality', true) or current_setting('app.national', true) = 'on');
revoke insert, update, delete on statistics_listing_total_day, statistics_listing_total_month from jobunivers_app;
grant select on statistics_listing_total_day, statistics_listing_total_month to jobunivers_app;

-- Recomputes the totals of the given days and of the months they fall in (every one when p_all) from the tables per
-- group and stage. Called right after statistics_refresh_days and statistics_refresh_months with the same days.
create function statistics_refresh_totals(p_all boolean, p_days date[]) returns void
language plpgsql
security definer
set search_path = public
as $$
declare
  v_months date[];
begin
  if not p_all and (p_days is null or cardinality(p_days) = 0) then
    return;
  end if;
  if not p_all then
    select array_agg(distinct date_trunc('month', d)::date) into v_months from unnest(p_days) d;
  end if;
  delete from statistics_listing_total_day where p_all or day = any (p_days);
  delete from statistics_listing_total_month where p_all or month = any (v_months);
  insert into statistics_listing_total_day (municipality_code, day, listing_id, shown, viewed, launches, starts, completions, drops,
                                            events, ratings, rating_stars, dismissals)
  select municipality_code, day, listing_id, sum(shown), sum(viewed), sum(launches), sum(starts), sum(completions), sum(drops),
         sum(events), sum(ratings), sum(rating_stars), sum(dismissals)
    from statistics_listing_day
   where p_all or day = any (p_days)
   group by 1, 2, 3;
  insert into statistics_listing_total_month (municipality_code, month, listing_id, shown, viewed, launches, starts, completions, drops,
                                              events, ratings, rating_stars, dismissals)
  select municipality_code, month, listing_id, sum(shown), sum(viewed), sum(launches), sum(starts), sum(completions), sum(drops),
         sum(events), sum(ratings), sum(rating_stars), sum(dismissals)
    from statistics_listing_month
   where p_all or month = any (v_months)
   group by 1, 2, 3;
end
$$;
revoke all on function statistics_refresh_totals(boolean, date[]) from public;
grant execute on function statistics_refresh_totals(boolean, date[]) to jobunivers_app;

-- The totals of what is already rolled up.
select statistics_refresh_totals(true, null);
