-- journey: a plan activity's progress in percent, reported by the vendor's service (events, issue 15), shown as
-- "I gang · 40 %".
alter table plan_activity add column progress smallint check (progress between 0 and 100);

-- The one move a vendor's event makes on a citizen's plan: the activity for the vendor's listing (not dropped) goes
-- started/progress → in_progress (progress: the percent, never lower than before), completed → done (100 %),
-- dropped → dropped; an activity that is done stays done, whatever arrives late. The events service runs as the
-- vendor (app.vendor), which row-level security does not let near plan_activity — rightly: the vendor's transaction
-- must not read or write a plan. This function is the narrow door instead of setting app.citizen per event (which
-- would open every row of the citizen to the vendor's transaction): it refuses a listing that is not app.vendor's,
-- changes only status, progress and updated_at, and returns the citizens whose plan changed (for citizenChanged).
-- p_moves: [{ "citizenId": uuid, "listingId": uuid, "move": "started"|"progress"|"completed"|"dropped", "percent": int? }]
-- applied in order.
create function apply_activity_events(p_moves jsonb) returns setof uuid
language plpgsql
security definer
set search_path = public
as $$
declare
  m record;
  a record;
  next_status text;
  next_progress smallint;
  changed uuid[] := '{}';
begin
  for m in select * from jsonb_to_recordset(p_moves) as r("citizenId" uuid, "listingId" uuid, move text, percent int) loop
    if not exists (select 1 from listing where id = m."listingId" and vendor_id::text = current_setting('app.vendor', true)) then
      raise exception 'apply_activity_events: listing % is not the vendor''s (app.vendor)', m."listingId" using errcode = '42501';
    end if;
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
revoke all on function apply_activity_events(jsonb) from public;
grant execute on function apply_activity_events(jsonb) to jobunivers_app;
