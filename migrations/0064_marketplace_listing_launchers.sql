-- marketplace: who launched a vendor's listing, for the events module's subject lookup (issue 15). listing_launch is
-- readable only as the citizen or their municipality; a vendor's transaction (app.vendor) learns here, of its own
-- listing only, the citizens who launched it since a moment, each once with their latest launch's municipality.
create function vendor_listing_launchers(p_listing uuid, p_since timestamptz)
returns table (citizen_id uuid, municipality_code char(3), launched_at timestamptz)
language sql
stable
security definer
set search_path = public
as $$
  select l.citizen_id, (array_agg(l.municipality_code order by l.launched_at desc))[1], max(l.launched_at)
  from listing_launch l
  where l.listing_id = p_listing
    and l.outcome = 'launched'
    and l.launched_at >= p_since
    and exists (select 1 from listing li where li.id = p_listing and li.vendor_id::text = current_setting('app.vendor', true))
  group by l.citizen_id
$$;
revoke all on function vendor_listing_launchers(uuid, timestamptz) from public;
grant execute on function vendor_listing_launchers(uuid, timestamptz) to jobunivers_app;
