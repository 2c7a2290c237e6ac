-- listings: the public catalogue feed (issue 15), after JobTech's JobStream and NAV's ad feed. Every change to what
-- the national catalogue shows is one row of listing_feed: a listing's first live version ('created'), a new live
-- version or other content ('changed'), a suspension ('suspended'), a reinstatement ('reinstated'), and delisting or
-- any other way out ('removed'). A consumer that replays the rows from the start ends with exactly the catalogue.
--
-- The rows are written by the database, not by each writer: deferred constraint triggers on the tables the
-- catalogue's listing page reads (the versions, their link tables, the vendor's name) call listing_feed_sync once the
-- transaction's work is done (at commit), which compares what the catalogue shows now with the listing's last row
-- and writes a row only when that differs. So a version approved and its predecessor superseded in one transaction
-- make one 'changed', a seed or a data fix is covered like the review's pages, and a repeat writes nothing.
--
-- Late commits: seq is taken when the row is written, which may be a moment before another transaction with a
-- higher seq commits first. Each row keeps its transaction's id (xid8); readers take only rows whose transaction is
-- older than every transaction still running (pg_snapshot_xmin of their snapshot) and read in (xid, seq) order, so
-- nothing can commit behind a cursor. A long transaction anywhere delays the feed; it never loses a row.
create table listing_feed (
  seq        bigint generated always as identity primary key,
  id         uuid not null unique default gen_random_uuid(),
  xid        xid8 not null default pg_current_xact_id(),
  -- No foreign key: the history outlives a listing (a delisted listing stays a tombstone).
  listing_id uuid not null,
  kind       text not null check (kind in ('created', 'changed', 'suspended', 'reinstated', 'removed')),
  at         timestamptz not null default now(),
  -- The live version as the catalogue's listing page shows it (listing_live's columns); none when it left.
  listing    jsonb,
  check ((listing is not null) = (kind in ('created', 'changed', 'reinstated')))
);
create index listing_feed_cursor on listing_feed (xid, seq);
create index listing_feed_by_listing on listing_feed (listing_id, seq desc);

-- The listing as the catalogue's page shows it, or null when it has no live version.
create function listing_feed_snapshot(p_listing uuid) returns jsonb
language sql stable security definer set search_path = public
as $$
  select to_jsonb(s) from (
    select v.listing_id, v.version, v.name_da, v.name_en, v.summary_da, v.summary_en, v.description_da, v.description_en,
           v.journey_stage, v.price_model, v.required_nsis_level, v.channels, v.service_url, v.accessibility_statement_url,
           v.vendor_name, v.categories, v.target_groups, v.languages, v.data_categories
    from listing_live v where v.listing_id = p_listing
  ) s;
$$;

-- Writes the listing's next feed row when what the catalogue shows of it differs from its last row.
create function listing_feed_sync(p_listing uuid) returns void
language plpgsql security definer set search_path = public
as $$
declare
  v_now jsonb;
  v_last_kind text;
  v_last jsonb;
  v_kind text;
begin
  -- One writer per listing at a time, until commit: the last row read below is the last one written.
  perform pg_advisory_xact_lock(hashtextextended('listing_feed:' || p_listing::text, 0));
  v_now := listing_feed_snapshot(p_listing);
  select f.kind, f.listing into v_last_kind, v_last from listing_feed f where f.listing_id = p_listing order by f.seq desc limit 1;
  if v_now is not null then
    if v_last_kind is null or v_last_kind = 'removed' then
      v_kind := 'created';
    elsif v_last_kind = 'suspended' then
      v_kind := 'reinstated';
    elsif v_last is distinct from v_now then
      v_kind := 'changed';
    else
      return;
    end if;
  elsif v_last_kind is null or v_last_kind = 'removed' then
    -- Never in the catalogue, or out of it already.
    return;
  elsif exists (select 1 from listing_version v join listing l on l.id = v.listing_id
                where v.listing_id = p_listing and v.status = 'suspended' and l.delisted_at is null) then
    if v_last_kind = 'suspended' then
      return;
    end if;
    v_kind := 'suspended';
  else
    v_kind := 'removed';
  end if;
  insert into listing_feed (listing_id, kind, listing) values (p_listing, v_kind, case when v_kind in ('created', 'changed', 'reinstated') then v_now end);
end
$$;
revoke all on function listing_feed_sync(uuid) from public;
revoke all on function listing_feed_snapshot(uuid) from public;

create function listing_feed_version_changed() returns trigger
language plpgsql security definer set search_path = public
as $$
begin
  if tg_op = 'DELETE' then
    perform listing_feed_sync(old.listing_id);
  else
    perform listing_feed_sync(new.listing_id);
  end if;
  return null;
end
$$;

-- A link row (category, target group, language, data use) of a live version: the same listing again.
create function listing_feed_link_changed() returns trigger
language plpgsql security definer set search_path = public
as $$
declare
  v_listing uuid;
begin
  select v.listing_id into v_listing from listing_version v
  where v.id = case when tg_op = 'DELETE' then old.version_id else new.version_id end and v.status = 'approved';
  if v_listing is not null then
    perform listing_feed_sync(v_listing);
  end if;
  return null;
end
$$;

-- The vendor's name is on the listing page: each of its live listings changes.
create function listing_feed_vendor_renamed() returns trigger
language plpgsql security definer set search_path = public
as $$
begin
  perform listing_feed_sync(l.id) from listing l where l.vendor_id = new.id
    and exists (select 1 from listing_version v where v.listing_id = l.id and v.status = 'approved');
  return null;
end
$$;

-- Only moves into or out of the catalogue (approved, suspended) matter; drafts and reviews never reach the feed.
create constraint trigger listing_feed_version_inserted after insert on listing_version
  deferrable initially deferred for each row when (new.status in ('approved', 'suspended'))
  execute function listing_feed_version_changed();
create constraint trigger listing_feed_version_updated after update on listing_version
  deferrable initially deferred for each row when (old.status in ('approved', 'suspended') or new.status in ('approved', 'suspended'))
  execute function listing_feed_version_changed();
create constraint trigger listing_feed_version_deleted after delete on listing_version
  deferrable initially deferred for each row when (old.status in ('approved', 'suspended'))
  execute function listing_feed_version_changed();
create constraint trigger listing_feed_category after insert or update or delete on listing_version_category
  deferrable initially deferred for each row execute function listing_feed_link_changed();
create constraint trigger listing_feed_target_group after insert or update or delete on listing_version_target_group
  deferrable initially deferred for each row execute function listing_feed_link_changed();
create constraint trigger listing_feed_language after insert or update or delete on listing_version_language
  deferrable initially deferred for each row execute function listing_feed_link_changed();
create constraint trigger listing_feed_data_category after insert or update or delete on listing_version_data_category
  deferrable initially deferred for each row execute function listing_feed_link_changed();
create constraint trigger listing_feed_vendor_name after update of name on vendor
  deferrable initially deferred for each row when (old.name is distinct from new.name)
  execute function listing_feed_vendor_renamed();

-- Backfill: one 'created' per listing live now, so a consumer starting from zero gets today's catalogue.
select listing_feed_sync(l.listing_id) from (select listing_id from listing_live order by listing_id) l;

-- The feed is public and written only by the functions above.
revoke insert, update, delete, truncate on listing_feed from jobunivers_app;
grant select on listing_feed to jobunivers_app;
