-- platform: one change bus. The triggers that told the app's caches what changed on channels of their own
-- (catalogue_changed of 0013, marketplace_changed of 0020, session_ended of 0019) now announce the bus's changes on
-- its one channel, `jobunivers_changes` (src/platform/changes.ts), as the envelope a writer's announceChange sends,
-- with origin 'database' (so every process hears it, the writing one too) and the table that changed. The triggers
-- keep their names and tables; only the functions they call change. Identical notifications of one transaction
-- arrive once, and only after it commits.

create function announce_change(name text, change jsonb, source text) returns void
language sql
as $$
  select pg_notify('jobunivers_changes', json_build_object('origin', 'database', 'name', name, 'change', change, 'table', source)::text);
$$;

-- A listing, a vendor's name, a taxonomy, an approved rating, or an emptied table: every listing's view is read again.
create or replace function catalogue_notify_changed() returns trigger
language plpgsql
as $$
begin
  perform announce_change('listingsChanged', jsonb_build_object('table', tg_table_name), tg_table_name);
  return null;
end
$$;

create or replace function marketplace_all_changed() returns trigger
language plpgsql
as $$
begin
  perform announce_change('listingsChanged', jsonb_build_object('table', tg_table_name), tg_table_name);
  return null;
end
$$;

-- Versions that are or were approved: one listingWentLive per listing (a bulk change of many: one listingsChanged).
create or replace function catalogue_versions_changed() returns trigger
language plpgsql security definer set search_path = public
as $$
declare
  added text[] := '{}';
  removed text[] := '{}';
  listings uuid[] := '{}';
  listing uuid;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    select coalesce(array_agg(w.word), '{}') into added
    from new_rows n cross join lateral catalogue_words_of(n.name_da, n.summary_da, n.description_da) w(word)
    where n.status = 'approved';
    select coalesce(array_agg(distinct n.listing_id), '{}') into listings from new_rows n where n.status = 'approved';
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    select coalesce(array_agg(w.word), '{}') into removed
    from old_rows o cross join lateral catalogue_words_of(o.name_da, o.summary_da, o.description_da) w(word)
    where o.status = 'approved';
    select coalesce(array_agg(distinct l), '{}') into listings
    from unnest(listings || array(select o.listing_id from old_rows o where o.status = 'approved')) l;
  end if;
  if cardinality(listings) > 0 then
    perform catalogue_lexicon_adjust(added, removed);
    if cardinality(listings) > 50 then
      perform announce_change('listingsChanged', jsonb_build_object('table', tg_table_name), tg_table_name);
    else
      foreach listing in array listings loop
        perform announce_change('listingWentLive', jsonb_build_object('listingId', listing), tg_table_name);
      end loop;
    end if;
  end if;
  return null;
end
$$;

create or replace function catalogue_versions_truncated() returns trigger
language plpgsql security definer set search_path = public
as $$
begin
  perform catalogue_lexicon_rebuild();
  perform announce_change('listingsChanged', jsonb_build_object('table', tg_table_name), tg_table_name);
  return null;
end
$$;

-- A live version's categories, target groups, languages and data categories.
create or replace function catalogue_links_changed() returns trigger
language plpgsql
as $$
declare
  listings uuid[] := '{}';
  listing uuid;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    select coalesce(array_agg(distinct v.listing_id), '{}') into listings
    from new_rows r join listing_version v on v.id = r.version_id where v.status = 'approved';
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    select coalesce(array_agg(distinct l), '{}') into listings
    from unnest(listings || array(select v.listing_id from old_rows r join listing_version v on v.id = r.version_id where v.status = 'approved')) l;
  end if;
  if cardinality(listings) > 50 then
    perform announce_change('listingsChanged', jsonb_build_object('table', tg_table_name), tg_table_name);
  else
    foreach listing in array listings loop
      perform announce_change('listingWentLive', jsonb_build_object('listingId', listing), tg_table_name);
    end loop;
  end if;
  return null;
end
$$;

-- Enablement, recommendations, local offers and their sign-ups: the municipalities whose offer changed.
create or replace function marketplace_municipalities_changed() returns trigger
language plpgsql
as $$
declare
  code text;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    for code in select distinct municipality_code from new_rows loop
      perform announce_change('municipalityOfferChanged', jsonb_build_object('municipalityCode', code), tg_table_name);
    end loop;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    for code in select distinct municipality_code from old_rows loop
      perform announce_change('municipalityOfferChanged', jsonb_build_object('municipalityCode', code), tg_table_name);
    end loop;
  end if;
  return null;
end
$$;

-- Only approved ratings are shown, on every municipality's cards.
create or replace function marketplace_ratings_changed() returns trigger
language plpgsql
as $$
declare
  shown boolean := false;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    shown := exists (select 1 from new_rows where status = 'approved');
  end if;
  if not shown and tg_op in ('UPDATE', 'DELETE') then
    shown := exists (select 1 from old_rows where status = 'approved');
  end if;
  if shown then
    perform announce_change('listingsChanged', jsonb_build_object('table', tg_table_name), tg_table_name);
  end if;
  return null;
end
$$;

-- A citizen's target group, journey stage or dismissals.
create or replace function marketplace_citizen_changed() returns trigger
language plpgsql
as $$
begin
  if tg_op = 'DELETE' then
    perform announce_change('citizenChanged', jsonb_build_object('citizenId', old.citizen_id), tg_table_name);
  else
    perform announce_change('citizenChanged', jsonb_build_object('citizenId', new.citizen_id), tg_table_name);
    if tg_op = 'UPDATE' and old.citizen_id <> new.citizen_id then
      perform announce_change('citizenChanged', jsonb_build_object('citizenId', old.citizen_id), tg_table_name);
    end if;
  end if;
  return null;
end
$$;

-- A session ended (sign-out, sign-out everywhere, pruning) or was cut short: the hex SHA-256 of its token, never the token.
create or replace function session_ended_notify() returns trigger
language plpgsql
as $$
begin
  perform announce_change('sessionEnded', jsonb_build_object('tokenHash', encode(old.token_hash, 'hex')), tg_table_name);
  return null;
end
$$;
