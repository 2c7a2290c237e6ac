-- marketplace: what keeps the citizen's marketplace fast and right. The app keeps, per municipality, what its
-- marketplace shows (the enabled live listings with their ratings, the jobcenter's recommendations, its upcoming
-- local offers with places left) and, per citizen, what personalises it (target group, journey stage, "not relevant
-- for me"), in memory. These triggers tell it when any of that changes, on the channel `marketplace_changed`:
--
--   'municipality:<code>'  what one municipality offers changed (enablement, recommendation, local offer, sign-up)
--   'citizen:<uuid>'       one citizen's target group, journey stage or dismissals changed
--   'all'                  an approved rating came or went (ratings are shown in every municipality), or a table
--                          was truncated
--
-- Changes to the listings themselves (a new live version, suspension, delisting, a vendor's name, the taxonomies)
-- are already announced on `catalogue_changed` (migration 0013); the app listens to both. Identical notifications
-- of one transaction arrive once, and only after it commits.

-- Statement-level, with the changed rows: a bulk enablement of 200 listings costs one pass and one notification.
create function marketplace_municipalities_changed() returns trigger
language plpgsql
as $$
declare
  code text;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    for code in select distinct municipality_code from new_rows loop
      perform pg_notify('marketplace_changed', 'municipality:' || code);
    end loop;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    for code in select distinct municipality_code from old_rows loop
      perform pg_notify('marketplace_changed', 'municipality:' || code);
    end loop;
  end if;
  return null;
end
$$;

create function marketplace_all_changed() returns trigger
language plpgsql
as $$
begin
  perform pg_notify('marketplace_changed', 'all');
  return null;
end
$$;

do $$
declare
  t text;
begin
  foreach t in array array['municipality_listing', 'listing_recommendation', 'local_offer', 'local_offer_signup'] loop
    execute format('create trigger marketplace_rows_inserted after insert on %I referencing new table as new_rows for each statement execute function marketplace_municipalities_changed()', t);
    execute format('create trigger marketplace_rows_updated after update on %I referencing old table as old_rows new table as new_rows for each statement execute function marketplace_municipalities_changed()', t);
    execute format('create trigger marketplace_rows_deleted after delete on %I referencing old table as old_rows for each statement execute function marketplace_municipalities_changed()', t);
    execute format('create trigger marketplace_rows_truncated after truncate on %I for each statement execute function marketplace_all_changed()', t);
  end loop;
end
$$;

-- Ratings: only approved ones are shown (averages on every card, texts on the listing page), so a rating that is
-- written or edited (pending) changes nothing anyone sees until it is approved; one that was approved and is
-- edited (back to pending), rejected or deleted does.
create function marketplace_ratings_changed() returns trigger
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
    perform pg_notify('marketplace_changed', 'all');
  end if;
  return null;
end
$$;
create trigger marketplace_ratings_inserted after insert on listing_rating
  referencing new table as new_rows for each statement execute function marketplace_ratings_changed();
create trigger marketplace_ratings_updated after update on listing_rating
  referencing old table as old_rows new table as new_rows for each statement execute function marketplace_ratings_changed();
create trigger marketplace_ratings_deleted after delete on listing_rating
  referencing old table as old_rows for each statement execute function marketplace_ratings_changed();
create trigger marketplace_ratings_truncated after truncate on listing_rating
  for each statement execute function marketplace_all_changed();

-- What personalises one citizen's marketplace: the target group and journey stage of their profile, and what they
-- said is not relevant. Other answers of the screening do not matter here, so they notify nobody.
create function marketplace_citizen_changed() returns trigger
language plpgsql
as $$
begin
  if tg_op = 'DELETE' then
    perform pg_notify('marketplace_changed', 'citizen:' || old.citizen_id);
  else
    perform pg_notify('marketplace_changed', 'citizen:' || new.citizen_id);
    if tg_op = 'UPDATE' and old.citizen_id <> new.citizen_id then
      perform pg_notify('marketplace_changed', 'citizen:' || old.citizen_id);
    end if;
  end if;
  return null;
end
$$;
create trigger marketplace_profile_inserted after insert on citizen_profile
  for each row execute function marketplace_citizen_changed();
create trigger marketplace_profile_updated after update on citizen_profile
  for each row when (old.target_group is distinct from new.target_group or old.journey_stage is distinct from new.journey_stage
                     or old.citizen_id is distinct from new.citizen_id)
  execute function marketplace_citizen_changed();
create trigger marketplace_profile_deleted after delete on citizen_profile
  for each row execute function marketplace_citizen_changed();
create trigger marketplace_dismissal_changed after insert or update or delete on recommendation_dismissal
  for each row execute function marketplace_citizen_changed();
create trigger marketplace_personal_truncated after truncate on citizen_profile
  for each statement execute function marketplace_all_changed();
create trigger marketplace_dismissals_truncated after truncate on recommendation_dismissal
  for each statement execute function marketplace_all_changed();

-- The listing page shows a listing's approved ratings newest first; the moderation queue reads by municipality.
create index listing_rating_shown on listing_rating (listing_id, updated_at desc) where status = 'approved';
