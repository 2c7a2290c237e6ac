-- statistics: the open statistics' rollups (issue 16). Counts of distinct citizens with activity (an activity event)
-- per calendar month (Copenhagen time, by when the activity occurred), kept by the job statistics.refresh, which is
-- the only reader of raw events: pages and the public API read these rows and suppress small cells before publishing.

-- Per month × municipality (the citizen's municipality when the event arrived) × journey stage × target group (the
-- citizen's as the journey module holds them when the month was computed; 'unknown' when absent). Only cells with at
-- least one citizen are stored; every other cell of the fixed design is zero.
create table statistics_municipality_month (
  month             date not null check (extract(day from month) = 1),
  municipality_code char(3) not null references municipality (code),
  journey_stage     text not null,
  target_group      text not null,
  citizens          int not null check (citizens > 0),
  primary key (month, municipality_code, journey_stage, target_group)
);

-- Per month × vendor: distinct citizens with at least one event from the vendor's services.
create table statistics_vendor_month (
  month     date not null check (extract(day from month) = 1),
  vendor_id uuid not null references vendor (id),
  citizens  int not null check (citizens > 0),
  primary key (month, vendor_id)
);

-- One row: up to which activity_event.received_at the rollups have folded events in.
create table statistics_refresh_state (
  id                 boolean primary key default true check (id),
  received_watermark timestamptz,
  refreshed_at       timestamptz
);
insert into statistics_refresh_state default values;

-- The figures are public once suppressed, but the rows hold the small cells: the app reads them, only the refresh
-- function below writes them.
revoke insert, update, delete on statistics_municipality_month, statistics_vendor_month, statistics_refresh_state from jobunivers_app;
grant select on statistics_municipality_month, statistics_vendor_month, statistics_refresh_state to jobunivers_app;

-- Recomputes whole months: every month that received an event since the watermark (less ten minutes, for an event
-- whose transaction began before the last run and committed after it), or every month when p_all. Each month is
-- deleted and inserted again in this one transaction, so recomputing a month twice gives the same rows and a late
-- event is folded into its month. Runs as the owner: the events' row-level security (vendor, citizen, staff) would
-- hide them from the app role, and counting crosses every tenant; it reads the events' and the journey's published
-- views only. Returns the months it recomputed.
create function statistics_refresh(p_all boolean) returns setof date
language plpgsql
security definer
set search_path = public
as $$
declare
  v_watermark timestamptz;
  v_months date[];
  v_latest timestamptz;
begin
  -- One refresh at a time: a second waits here and then sees the first one's watermark.
  select received_watermark into v_watermark from statistics_refresh_state where id for update;
  select coalesce(array_agg(distinct date_trunc('month', e.occurred_at at time zone 'Europe/Copenhagen')::date), '{}'),
         max(e.received_at)
    into v_months, v_latest
    from activity_event_entry e
   where p_all or v_watermark is null or e.received_at > v_watermark - interval '10 minutes';

  delete from statistics_municipality_month where month = any (v_months);
  delete from statistics_vendor_month where month = any (v_months);

  insert into statistics_municipality_month (month, municipality_code, journey_stage, target_group, citizens)
  select m.month, m.municipality_code, coalesce(j.journey_stage, 'unknown'), coalesce(j.target_group, 'unknown'), count(*)::int
    from (select distinct date_trunc('month', e.occurred_at at time zone 'Europe/Copenhagen')::date as month, e.municipality_code, e.citizen_id
            from activity_event_entry e
           where date_trunc('month', e.occurred_at at time zone 'Europe/Copenhagen')::date = any (v_months)) m
    left join citizen_journey j on j.citizen_id = m.citizen_id
   group by 1, 2, 3, 4;

  insert into statistics_vendor_month (month, vendor_id, citizens)
  select date_trunc('month', e.occurred_at at time zone 'Europe/Copenhagen')::date, e.vendor_id, count(distinct e.citizen_id)::int
    from activity_event_entry e
   where date_trunc('month', e.occurred_at at time zone 'Europe/Copenhagen')::date = any (v_months)
   group by 1, 2;

  update statistics_refresh_state
     set received_watermark = greatest(received_watermark, v_latest), refreshed_at = now()
   where id;
  return query select unnest(v_months) order by 1;
end
$$;
revoke all on function statistics_refresh(boolean) from public;
grant execute on function statistics_refresh(boolean) to jobunivers_app;
