-- Delivering the platform's deletion requests to vendors (docs/VENDOR-DELETION.md). The requests are the citizens'
-- rows under row-level security (0023); two narrow SECURITY DEFINER functions let what acts for no citizen reach
-- them: the sweep that finds requests due for another try, and a vendor confirming that it finished one.

-- Pending requests whose next try is due: never tried for a minute (the job queued at withdrawal had its chance),
-- or tried `attempts` times and waited 2^attempts minutes since (at most six hours). Oldest first. Returns only
-- what the sender needs to act as the citizen.
create function due_vendor_deletion_requests(p_limit int)
returns table (id uuid, citizen_id uuid)
language sql
stable
security definer
set search_path = public
as $$
  select r.id, r.citizen_id
  from vendor_deletion_request r
  where r.status = 'pending'
    and r.updated_at <= now() - least(make_interval(mins => power(2, least(r.attempts, 10))::int), interval '6 hours')
  order by r.updated_at
  limit p_limit
$$;

-- A vendor says it finished deleting: only a request addressed to that vendor, and any status but completed moves
-- to completed (saying it again changes nothing). Returns the status after, or null for no such request of the vendor.
create function confirm_vendor_deletion(p_request uuid, p_vendor uuid, p_reference text)
returns text
language sql
security definer
set search_path = public
as $$
  with found as (
    select id, status from vendor_deletion_request where id = p_request and vendor_id = p_vendor for update
  ), moved as (
    update vendor_deletion_request r
    set status = 'completed', updated_at = now(), last_error = null,
        vendor_reference = coalesce(left(p_reference, 200), r.vendor_reference)
    from found
    where r.id = found.id and found.status <> 'completed'
    returning r.status
  )
  select coalesce((select status from moved), (select status from found))
$$;

revoke all on function due_vendor_deletion_requests(int) from public;
revoke all on function confirm_vendor_deletion(uuid, uuid, text) from public;
grant execute on function due_vendor_deletion_requests(int) to jobunivers_app;
grant execute on function confirm_vendor_deletion(uuid, uuid, text) to jobunivers_app;
