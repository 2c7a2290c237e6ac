-- timeline: the citizen's timeline is kept rendered per citizen in each process (timeline.pages.ts) and forgotten on
-- citizenChanged. Writers that did not announce one — sign-ups to local offers (curation), Joblog registrations and
-- their status (joblog: the citizen's form, the sweep, the forwarding job), plan activities a caseworker adds
-- (journey) — are covered here, whoever writes: one notification per statement with every citizen it touched (the
-- bus's `changes` envelope, src/platform/changes.ts), not one per row. plan_activity's updates are left out: the
-- citizen's own changes and the vendors' events announce theirs in the writer's transaction.
create function announce_citizens_changed() returns trigger
language plpgsql
as $$
declare
  ids uuid[] := '{}';
  chunk uuid[];
  i int := 1;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    select coalesce(array_agg(distinct citizen_id), '{}') into ids from new_rows;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    select coalesce(array_agg(distinct c), '{}') into ids from unnest(ids || array(select citizen_id from old_rows)) c;
  end if;
  -- 150 ids a notification keeps the payload far below PostgreSQL's 8,000 bytes.
  while i <= cardinality(ids) loop
    chunk := ids[i:i + 149];
    perform pg_notify('jobunivers_changes', json_build_object(
      'origin', 'database', 'name', 'citizenChanged', 'table', tg_table_name,
      'changes', (select json_agg(json_build_object('citizenId', c)) from unnest(chunk) c))::text);
    i := i + 150;
  end loop;
  return null;
end
$$;

do $$
declare
  t text;
begin
  foreach t in array array['local_offer_signup', 'joblog_registration'] loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows for each statement execute function announce_citizens_changed()', t || '_citizens_inserted', t);
    execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows for each statement execute function announce_citizens_changed()', t || '_citizens_updated', t);
    execute format('create trigger %I after delete on %I referencing old table as old_rows for each statement execute function announce_citizens_changed()', t || '_citizens_deleted', t);
  end loop;
end
$$;
create trigger plan_activity_citizens_inserted after insert on plan_activity
  referencing new table as new_rows for each statement execute function announce_citizens_changed();
create trigger plan_activity_citizens_deleted after delete on plan_activity
  referencing old table as old_rows for each statement execute function announce_citizens_changed();

-- The vendor's events move plan activities (0063): the same rules, with set-based work before the loop. The listing
-- check runs once per listing of the batch, not once per event; and only the moves whose citizen has an activity
-- for the listing (not dropped) are looked at one by one — most events are about citizens with no such activity,
-- and this function never creates one or takes a drop back, so those moves would change nothing.
create or replace function apply_activity_events(p_moves jsonb) returns setof uuid
language plpgsql
security definer
set search_path = public
as $$
declare
  m record;
  a record;
  foreign_listing uuid;
  next_status text;
  next_progress smallint;
  changed uuid[] := '{}';
begin
  select l."listingId" into foreign_listing
    from (select distinct r."listingId" from jsonb_to_recordset(p_moves) as r("listingId" uuid)) l
   where not exists (select 1 from listing where id = l."listingId" and vendor_id::text = current_setting('app.vendor', true))
   limit 1;
  if found then
    raise exception 'apply_activity_events: listing % is not the vendor''s (app.vendor)', foreign_listing using errcode = '42501';
  end if;
  for m in
    select r."citizenId", r."listingId", r.move, r.percent
      from (select (e.v->>'citizenId')::uuid as "citizenId", (e.v->>'listingId')::uuid as "listingId",
                   e.v->>'move' as move, (e.v->>'percent')::int as percent, e.n
              from jsonb_array_elements(p_moves) with ordinality as e(v, n)) r
     where exists (select 1 from plan_activity p where p.citizen_id = r."citizenId" and p.listing_id = r."listingId" and p.status <> 'dropped')
     order by r.n
  loop
    select id, status, progress into a from plan_activity
     where citizen_id = m."citizenId" and listing_id = m."listingId" and status <> 'dropped'
     for update;
    continue when not found or a.status = 'done';
    next_status := case m.move when 'started' then 'in_progress' when 'progress' then 'in_progress' when 'completed' then 'done' when 'dropped' then 'dropped' end;
    continue when next_status is null;
    next_progress := case m.move
      when 'progress' then greatest(coalesce(a.progress, 0), least(greatest(coalesce(m.percent, 0), 0), 100))
      when 'completed' then 100
      else a.progress end;
    continue when next_status = a.status and next_progress is not distinct from a.progress;
    update plan_activity set status = next_status, progress = next_progress, updated_at = now() where id = a.id;
    if not m."citizenId" = any(changed) then
      changed := changed || m."citizenId";
    end if;
  end loop;
  return query select unnest(changed);
end
$$;
