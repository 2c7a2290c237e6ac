-- curation: how full a licence is, for the marketplace's launch (issue 15: `licence.seats-low` to the municipality's
-- systems when a launch leaves 10 % of the seats or fewer). licence_seat is readable only as the citizen (their own
-- seat) or their municipality; the launch runs as the citizen, so this function tells it — of the licences of the
-- listing on which the citizen (app.citizen) took a seat in this very transaction only — the seats and how many are
-- taken, never who took them. A seat the citizen already held tells nothing (first_launch_at is this transaction's
-- now() only for a seat inserted by it).
create function licence_seats_taken_now(p_listing uuid)
returns table (licence_id uuid, municipality_code char(3), seats int, taken int)
language sql
security definer
set search_path = public
as $$
  select l.id, l.municipality_code, l.seats, (select count(*)::int from licence_seat t where t.licence_id = l.id)
  from licence_seat s
  join licence l on l.id = s.licence_id
  where s.citizen_id = nullif(current_setting('app.citizen', true), '')::uuid
    and l.listing_id = p_listing
    and s.first_launch_at = now()
$$;
revoke all on function licence_seats_taken_now(uuid) from public;
grant execute on function licence_seats_taken_now(uuid) to jobunivers_app;
