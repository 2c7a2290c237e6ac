-- identity: Min Log without noise, and in the citizen's language.
--
-- Repeats: a caseworker who reloads a citizen's page, or a vendor's service calling several times a page, reads the
-- same data for the same purpose again. Within 10 minutes of an entry's first read, such a read is counted on that
-- entry (`count`, `last_at`) instead of adding a line per reload; nothing is dropped, a change is always an entry of
-- its own, and the window is measured from the first read so one entry never covers more than 10 minutes.
-- The log stays append-only for the app's role: it still has no UPDATE; the one thing it may do to an existing row —
-- add one read to it — goes through record_citizen_access / record_vendor_reads (SECURITY DEFINER), which check the
-- tenant as row-level security would.
--
-- Language: a purpose is stored with a code saying what it is, so it can be shown per language:
--   stated                    typed by staff (shown as written, marked as Danish)
--   listing                   the purpose the service's listing gives for the data category (purpose_args.en holds
--                             the listing's English text; `purpose` the Danish)
--   local_offer_participants  a municipality's list of participants of a local offer (purpose_args: title_da, title_en)
-- actor_name_en is a vendor service's English name (its listing's name_en), where it has one.

alter table access_log
  add column count         int not null default 1 check (count >= 1),
  add column last_at       timestamptz,
  add column purpose_code  text not null default 'stated' check (purpose_code in ('stated', 'listing', 'local_offer_participants')),
  add column purpose_args  jsonb not null default '{}',
  add column actor_name_en text check (length(actor_name_en) <= 500);
update access_log set last_at = occurred_at;
alter table access_log alter column last_at set not null, alter column last_at set default now();

-- Existing rows: a vendor service's reads carry its listing's purpose; the municipality's participant lists had their
-- sentence built in Danish. The English texts are taken from the listing and the offer, where they can be found.
update access_log a
set purpose_code = 'listing',
    purpose_args = coalesce((
      select jsonb_build_object('en', d.purpose_en)
      from listing_version_data_category d
      where d.category = a.data_category and d.purpose_da = a.purpose and d.purpose_en is not null
      limit 1), '{}'),
    actor_name_en = (select v.name_en from listing_version v where v.name_da = a.actor_name and v.name_en is not null limit 1)
where a.actor_role = 'vendor_service';

update access_log a
set purpose_code = 'local_offer_participants',
    purpose_args = jsonb_strip_nulls(jsonb_build_object(
      'title_da', substring(a.purpose from '^Deltagerliste til det lokale tilbud »(.*)«$'),
      'title_en', (select o.title_en from local_offer o
                   where o.municipality_code = a.municipality_code
                     and o.title_da = substring(a.purpose from '^Deltagerliste til det lokale tilbud »(.*)«$')
                   limit 1)))
where a.purpose ~ '^Deltagerliste til det lokale tilbud ».*«$';

-- The row a read is counted on, or a new one. Callers check who may write first; not callable by the app itself.
create function access_log_add(
  p_citizen uuid, p_municipality char(3), p_actor_subject text, p_actor_name text, p_actor_name_en text, p_actor_role text,
  p_actor_organisation text, p_action text, p_data_category text, p_purpose text, p_purpose_code text, p_purpose_args jsonb
) returns bigint
language plpgsql
security definer
set search_path = public
as $$
declare
  v_id bigint;
begin
  if p_action = 'read' then
    -- Reads of the same data by the same actor for the same purpose take turns (until the transaction ends), so two
    -- at once cannot both miss the entry and each add one; other reads do not wait for them.
    perform pg_advisory_xact_lock(hashtextextended(
      concat_ws(chr(31), 'access_log', p_citizen::text, p_actor_subject, p_data_category, p_purpose_code, p_purpose, p_purpose_args::text), 0));
    update access_log
    set count = count + 1, last_at = now()
    where id = (
      select id from access_log
      where citizen_id = p_citizen and municipality_code = p_municipality and actor_subject = p_actor_subject
        and action = 'read' and data_category = p_data_category and purpose_code = p_purpose_code
        and purpose = p_purpose and purpose_args = p_purpose_args
        and occurred_at > now() - interval '10 minutes'
      order by id desc
      limit 1)
    returning id into v_id;
    if v_id is not null then
      return v_id;
    end if;
  end if;
  insert into access_log (citizen_id, municipality_code, actor_subject, actor_name, actor_name_en, actor_role, actor_organisation,
                          action, data_category, purpose, purpose_code, purpose_args)
  values (p_citizen, p_municipality, p_actor_subject, p_actor_name, p_actor_name_en, p_actor_role, p_actor_organisation,
          p_action, p_data_category, p_purpose, p_purpose_code, p_purpose_args)
  returning id into v_id;
  return v_id;
end
$$;
revoke all on function access_log_add(uuid, char, text, text, text, text, text, text, text, text, text, jsonb) from public;

-- What staff's reads and changes go through: only for a citizen of the municipality the transaction acts for
-- (app.municipality), as the row-level security on access_log would allow. Returns the entry's id.
create function record_citizen_access(
  p_citizen uuid, p_municipality char(3), p_actor_subject text, p_actor_name text, p_actor_name_en text, p_actor_role text,
  p_actor_organisation text, p_action text, p_data_category text, p_purpose text, p_purpose_code text, p_purpose_args jsonb
) returns bigint
language plpgsql
security definer
set search_path = public
as $$
begin
  if p_municipality is distinct from nullif(current_setting('app.municipality', true), '')
     or not exists (select 1 from citizen where id = p_citizen and municipality_code = p_municipality) then
    raise exception 'the citizen is not in the municipality this transaction acts for' using errcode = '42501';
  end if;
  if p_actor_role = 'vendor_service' then
    raise exception 'a vendor service''s reads are recorded by record_vendor_reads' using errcode = '42501';
  end if;
  return access_log_add(p_citizen, p_municipality, p_actor_subject, p_actor_name, p_actor_name_en, p_actor_role,
                        p_actor_organisation, p_action, p_data_category, p_purpose, p_purpose_code, p_purpose_args);
end
$$;
revoke all on function record_citizen_access(uuid, char, text, text, text, text, text, text, text, text, text, jsonb) from public;
grant execute on function record_citizen_access(uuid, char, text, text, text, text, text, text, text, text, text, jsonb) to jobunivers_app;

-- The vendor Data API's batches (migration 0027), now counted like staff's reads and with the listing's purpose in
-- both languages. Same checks as before: only a vendor's service (`client:<id>`), only a citizen of the municipality
-- given. Repeats inside one batch are counted on one entry too.
create or replace function record_vendor_reads(p_reads jsonb) returns int
language plpgsql
security definer
set search_path = public
as $$
declare
  r record;
  v_written int := 0;
begin
  -- In one order for every batch, so two batches waiting for each other's entries cannot deadlock.
  for r in
    select i.*
    from jsonb_to_recordset(p_reads) as i(citizen_id uuid, municipality_code char(3), actor_subject text, actor_name text,
                                          actor_name_en text, actor_organisation text, data_category text, purpose text, purpose_en text)
    join citizen c on c.id = i.citizen_id and c.municipality_code = i.municipality_code
    where i.actor_subject like 'client:%'
    order by i.citizen_id, i.actor_subject, i.data_category, i.purpose
  loop
    perform access_log_add(r.citizen_id, r.municipality_code, r.actor_subject, r.actor_name, r.actor_name_en, 'vendor_service',
                           r.actor_organisation, 'read', r.data_category, r.purpose, 'listing',
                           case when r.purpose_en is null then '{}'::jsonb else jsonb_build_object('en', r.purpose_en) end);
    v_written := v_written + 1;
  end loop;
  return v_written;
end
$$;
