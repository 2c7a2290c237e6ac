-- catalogue: what makes the national catalogue fast. A lexicon of the words in the live (approved) versions, kept
-- by triggers, so a misspelt query word is corrected against a few thousand words instead of every listing's text;
-- a notification whenever what the catalogue shows changes, so the app's in-process result cache is cleared; and
-- indexes for browsing without a query and for the facet filters.

-- The lexicon: every word (lower case, letters only) of the Danish name, summary and description of the live
-- versions, with its Danish stem and the number of live versions it occurs in (0 removes the word).
create table catalogue_word (
  word      text primary key,
  stem      text not null,
  documents int not null
);
-- Nearest words by trigram distance (KNN ordering needs GiST); whether a query word is known goes by its stem.
create index catalogue_word_trigram on catalogue_word using gist (word gist_trgm_ops);
create index catalogue_word_stem on catalogue_word (stem);
-- Only the triggers below write the lexicon.
revoke insert, update, delete, truncate on catalogue_word from jobunivers_app;

-- The distinct words of one version's Danish text, as the lexicon counts them (numbers and compounds with hyphens
-- are left out: their parts are words of their own). Letters are told by the Danish ICU collation, whatever the
-- database's own locale, so æ, ø and å are letters.
create function catalogue_words_of(name text, summary text, description text) returns setof text
language sql immutable parallel safe
as $$
  select word from unnest(tsvector_to_array(to_tsvector('simple'::regconfig, concat_ws(' ', name, summary, description)))) word
  where (word collate "da-DK-x-icu") ~ '^[[:alpha:]]{2,}$'
$$;

-- Adds one occurrence of each word in `added` and removes one of each in `removed` (both may repeat words:
-- one entry per version). Stop words (no stem) are not kept. Serialised by an advisory lock, so concurrent
-- approvals neither deadlock on shared words nor lose counts; approvals are rare, so the wait is short.
create function catalogue_lexicon_adjust(added text[], removed text[]) returns void
language plpgsql security definer set search_path = public
as $$
declare
  words text[];
  changes int[];
begin
  select array_agg(word order by word), array_agg(change order by word) into words, changes
  from (
    select word, sum(change)::int as change
    from (select unnest(added) as word, 1 as change union all select unnest(removed), -1) d
    group by word
    having sum(change) <> 0
  ) delta;
  if words is null then
    return;
  end if;
  perform pg_advisory_xact_lock(hashtext('catalogue_word'));
  insert into catalogue_word as c (word, stem, documents)
  select u.word, (ts_lexize('danish_stem', u.word))[1], u.change
  from unnest(words, changes) u(word, change)
  where u.change > 0 and (ts_lexize('danish_stem', u.word))[1] is not null
  order by u.word
  on conflict (word) do update set documents = c.documents + excluded.documents;
  update catalogue_word c set documents = c.documents + u.change
  from unnest(words, changes) u(word, change)
  where c.word = u.word and u.change < 0;
  delete from catalogue_word where word = any(words) and documents <= 0;
end
$$;
revoke all on function catalogue_lexicon_adjust(text[], text[]) from public;

-- Rebuilds the lexicon from the live versions (the migration fills it this way; a TRUNCATE of the versions too).
create function catalogue_lexicon_rebuild() returns void
language plpgsql security definer set search_path = public
as $$
begin
  perform pg_advisory_xact_lock(hashtext('catalogue_word'));
  delete from catalogue_word;
  insert into catalogue_word (word, stem, documents)
  select w.word, (ts_lexize('danish_stem', w.word))[1], count(*)
  from listing_version v cross join lateral catalogue_words_of(v.name_da, v.summary_da, v.description_da) w(word)
  where v.status = 'approved' and (ts_lexize('danish_stem', w.word))[1] is not null
  group by w.word;
end
$$;
revoke all on function catalogue_lexicon_rebuild() from public;

-- What the catalogue shows changed: the app's LISTEN connection clears its result cache. Identical notifications
-- in one transaction arrive once, and only after it commits.
create function catalogue_notify_changed() returns trigger
language plpgsql
as $$
begin
  perform pg_notify('catalogue_changed', tg_table_name);
  return null;
end
$$;

-- Versions: statement-level with the changed rows, so a bulk change costs one pass. Only versions that are or were
-- approved matter; a draft being edited touches neither the lexicon nor the cache. It runs as the owner, so the
-- application role (which approves, suspends and delists) needs no right to call the lexicon functions itself.
create function catalogue_versions_changed() returns trigger
language plpgsql security definer set search_path = public
as $$
declare
  added text[] := '{}';
  removed text[] := '{}';
  live_touched boolean := false;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    select coalesce(array_agg(w.word), '{}') into added
    from new_rows n cross join lateral catalogue_words_of(n.name_da, n.summary_da, n.description_da) w(word)
    where n.status = 'approved';
    live_touched := exists (select 1 from new_rows n where n.status = 'approved');
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    select coalesce(array_agg(w.word), '{}') into removed
    from old_rows o cross join lateral catalogue_words_of(o.name_da, o.summary_da, o.description_da) w(word)
    where o.status = 'approved';
    live_touched := live_touched or exists (select 1 from old_rows o where o.status = 'approved');
  end if;
  if live_touched then
    perform catalogue_lexicon_adjust(added, removed);
    perform pg_notify('catalogue_changed', tg_table_name);
  end if;
  return null;
end
$$;
create trigger catalogue_versions_inserted after insert on listing_version
  referencing new table as new_rows for each statement execute function catalogue_versions_changed();
create trigger catalogue_versions_updated after update on listing_version
  referencing old table as old_rows new table as new_rows for each statement execute function catalogue_versions_changed();
create trigger catalogue_versions_deleted after delete on listing_version
  referencing old table as old_rows for each statement execute function catalogue_versions_changed();

create function catalogue_versions_truncated() returns trigger
language plpgsql security definer set search_path = public
as $$
begin
  perform catalogue_lexicon_rebuild();
  perform pg_notify('catalogue_changed', tg_table_name);
  return null;
end
$$;
create trigger catalogue_versions_truncated after truncate on listing_version
  for each statement execute function catalogue_versions_truncated();

-- A version's categories, target groups, languages and data categories: they matter when the version is live.
create function catalogue_links_changed() returns trigger
language plpgsql
as $$
declare
  live_touched boolean := false;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    live_touched := exists (select 1 from new_rows r join listing_version v on v.id = r.version_id where v.status = 'approved');
  end if;
  if not live_touched and tg_op in ('UPDATE', 'DELETE') then
    live_touched := exists (select 1 from old_rows r join listing_version v on v.id = r.version_id where v.status = 'approved');
  end if;
  if live_touched then
    perform pg_notify('catalogue_changed', tg_table_name);
  end if;
  return null;
end
$$;
do $$
declare
  link text;
begin
  foreach link in array array['listing_version_category', 'listing_version_target_group', 'listing_version_language', 'listing_version_data_category'] loop
    execute format('create trigger catalogue_links_inserted after insert on %I referencing new table as new_rows for each statement execute function catalogue_links_changed()', link);
    execute format('create trigger catalogue_links_updated after update on %I referencing old table as old_rows new table as new_rows for each statement execute function catalogue_links_changed()', link);
    execute format('create trigger catalogue_links_deleted after delete on %I referencing old table as old_rows for each statement execute function catalogue_links_changed()', link);
    execute format('create trigger catalogue_links_truncated after truncate on %I for each statement execute function catalogue_notify_changed()', link);
  end loop;
end
$$;

-- The listing (its vendor, delisting), the vendor's name, and the taxonomies the catalogue's facets are labelled from.
create trigger catalogue_listing_changed after update or delete or truncate on listing
  for each statement execute function catalogue_notify_changed();
create trigger catalogue_vendor_renamed after update of name on vendor
  for each row when (old.name is distinct from new.name) execute function catalogue_notify_changed();
do $$
declare
  taxonomy text;
begin
  foreach taxonomy in array array['journey_stage', 'service_category', 'target_group', 'language', 'data_category'] loop
    execute format('create trigger catalogue_taxonomy_changed after insert or update or delete or truncate on %I for each statement execute function catalogue_notify_changed()', taxonomy);
  end loop;
end
$$;

-- Browsing without a query walks the live versions in Danish order; the facet filters look up versions by code.
create index listing_version_live_by_name on listing_version ((name_da collate "da-DK-x-icu"), listing_id) where status = 'approved';
create index listing_version_category_by_code on listing_version_category (category, version_id);
create index listing_version_target_group_by_code on listing_version_target_group (target_group, version_id);
create index listing_version_language_by_code on listing_version_language (language, version_id);

select catalogue_lexicon_rebuild();
