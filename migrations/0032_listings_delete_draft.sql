-- listings: a vendor deletes a version that never left its hands — a draft, or one the automated checks sent back,
-- that governance never had in review — and a listing left without versions goes with it. The version's check
-- results, descriptors and transitions go too (their foreign keys cascade): that history is the vendor's own
-- scribbling, not a decision anyone made. Everything else stays: the application may no longer delete versions or
-- listings itself, so a reviewed version's history (listing_transition, append-only since 0012) cannot be removed
-- by deleting the version it belongs to.
create function delete_listing_draft(p_vendor uuid, p_listing uuid, p_version uuid) returns boolean
language plpgsql security definer set search_path = public
as $$
declare
  v_status text;
begin
  -- The listing first, as starting the next version does, so no version is added while the last one goes.
  perform 1 from listing where id = p_listing and vendor_id = p_vendor for update;
  if not found then
    raise exception 'listing % is not the vendor''s', p_listing using errcode = 'no_data_found';
  end if;
  select status into v_status from listing_version where id = p_version and listing_id = p_listing for update;
  if v_status is null or v_status not in ('draft', 'checks_failed')
     or exists (select 1 from listing_transition where version_id = p_version and to_status = 'in_review') then
    raise exception 'version % is not a draft governance never saw', p_version using errcode = 'check_violation';
  end if;
  delete from listing_version where id = p_version;
  if exists (select 1 from listing_version where listing_id = p_listing) then
    return false;
  end if;
  delete from listing where id = p_listing;
  return true;
end
$$;
revoke all on function delete_listing_draft(uuid, uuid, uuid) from public;
grant execute on function delete_listing_draft(uuid, uuid, uuid) to jobunivers_app;
revoke delete on listing, listing_version from jobunivers_app;
