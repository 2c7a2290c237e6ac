-- curation: what a municipality offers its citizens. Which listings it enables (municipality_listing, 0012),
-- which it recommends to a target group at a stage of the job journey, its own local offers (workshops,
-- courses, job fairs) with sign-up, the licences it buys from vendors with their seats, and its branding.
--
-- Tenancy: rows belong to a municipality. Writes need `app.municipality` set to it (row-level security). What a
-- municipality offers is public information, so enablement, recommendations and local offers are readable by
-- every request; licences (prices, budgets) and seat use are the municipality's own. Citizens take seats and sign
-- up through narrow SECURITY DEFINER functions that count what no single citizen may see.

-- Enablement is public (who offers what); writes stay the municipality's own.
drop policy municipality_listing_tenant on municipality_listing;
create policy municipality_listing_read on municipality_listing for select using (true);
create policy municipality_listing_write on municipality_listing for all
  using (municipality_code = current_setting('app.municipality', true))
  with check (municipality_code = current_setting('app.municipality', true));

create table listing_recommendation (
  id                uuid primary key default gen_random_uuid(),
  municipality_code char(3) not null references municipality (code),
  listing_id        uuid not null references listing (id),
  target_group      text not null references target_group (code),
  journey_stage     text references journey_stage (code),
  note_da           text check (length(note_da) <= 500),
  note_en           text check (length(note_en) <= 500),
  created_by        text not null,
  created_at        timestamptz not null default now(),
  -- Only an enabled listing can be recommended (and disabling it removes its recommendations).
  foreign key (municipality_code, listing_id) references municipality_listing (municipality_code, listing_id) on delete cascade
);
create unique index listing_recommendation_once on listing_recommendation (municipality_code, listing_id, target_group, coalesce(journey_stage, ''));
alter table listing_recommendation enable row level security;
create policy listing_recommendation_read on listing_recommendation for select using (true);
create policy listing_recommendation_write on listing_recommendation for all
  using (municipality_code = current_setting('app.municipality', true))
  with check (municipality_code = current_setting('app.municipality', true));

create table local_offer (
  id                uuid primary key default gen_random_uuid(),
  municipality_code char(3) not null references municipality (code),
  kind              text not null check (kind in ('workshop', 'course', 'job_fair', 'meeting', 'other')),
  title_da          text not null check (length(title_da) between 2 and 120),
  title_en          text not null check (length(title_en) between 2 and 120),
  description_da    text not null check (length(description_da) between 10 and 4000),
  description_en    text not null check (length(description_en) between 10 and 4000),
  place             text not null check (length(place) between 2 and 200),
  starts_at         timestamptz not null,
  ends_at           timestamptz not null,
  capacity          int check (capacity between 1 and 10000),
  signup_required   boolean not null default true,
  journey_stage     text references journey_stage (code),
  target_groups     text[] not null default '{}',
  languages         text[] not null default '{da}',
  created_by        text not null,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  cancelled_at      timestamptz,
  check (ends_at > starts_at),
  check (not signup_required or capacity is not null)
);
create index local_offer_municipality on local_offer (municipality_code, starts_at);
alter table local_offer enable row level security;
create policy local_offer_read on local_offer for select using (true);
create policy local_offer_write on local_offer for all
  using (municipality_code = current_setting('app.municipality', true))
  with check (municipality_code = current_setting('app.municipality', true));

-- A citizen's sign-up for a local offer: the citizen's own row, and the municipality's.
create table local_offer_signup (
  offer_id          uuid not null references local_offer (id),
  citizen_id        uuid not null references citizen (id),
  municipality_code char(3) not null references municipality (code),
  signed_up_at      timestamptz not null default now(),
  cancelled_at      timestamptz,
  primary key (offer_id, citizen_id)
);
alter table local_offer_signup enable row level security;
create policy local_offer_signup_access on local_offer_signup
  using (municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true))
  with check (municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true));

-- Signs the citizen (app.citizen) up while places are left; the count crosses citizens, so it runs as the owner.
-- Returns 'signed_up', 'already', 'full', 'closed' (cancelled, started, or no sign-up) or 'not_found'.
create function sign_up_for_local_offer(p_offer uuid) returns text
language plpgsql security definer set search_path = public
as $$
declare
  v_citizen uuid := nullif(current_setting('app.citizen', true), '')::uuid;
  v_offer local_offer;
  v_taken int;
  v_home char(3);
begin
  select municipality_code into v_home from citizen where id = v_citizen;
  select * into v_offer from local_offer where id = p_offer and municipality_code = v_home for update;
  if not found then return 'not_found'; end if;
  if v_offer.cancelled_at is not null or v_offer.starts_at <= now() or not v_offer.signup_required then return 'closed'; end if;
  if exists (select 1 from local_offer_signup where offer_id = p_offer and citizen_id = v_citizen and cancelled_at is null) then return 'already'; end if;
  select count(*) into v_taken from local_offer_signup where offer_id = p_offer and cancelled_at is null;
  if v_taken >= v_offer.capacity then return 'full'; end if;
  insert into local_offer_signup (offer_id, citizen_id, municipality_code) values (p_offer, v_citizen, v_home)
    on conflict (offer_id, citizen_id) do update set cancelled_at = null, signed_up_at = now();
  return 'signed_up';
end
$$;
revoke all on function sign_up_for_local_offer(uuid) from public;
grant execute on function sign_up_for_local_offer(uuid) to jobunivers_app;

-- How many places are taken on each offer (no citizen named), for everyone to see how many are left.
create function local_offer_places_taken(p_offers uuid[]) returns table (offer_id uuid, taken int)
language sql stable security definer set search_path = public
as $$
  select offer_id, count(*)::int from local_offer_signup where offer_id = any(p_offers) and cancelled_at is null group by offer_id
$$;
revoke all on function local_offer_places_taken(uuid[]) from public;
grant execute on function local_offer_places_taken(uuid[]) to jobunivers_app;

create table licence (
  id                uuid primary key default gen_random_uuid(),
  municipality_code char(3) not null references municipality (code),
  listing_id        uuid not null references listing (id),
  seats             int not null check (seats between 1 and 1000000),
  valid_from        date not null,
  valid_to          date not null,
  price_dkk         numeric(12, 2) not null check (price_dkk >= 0),
  budget_holder     text not null check (length(budget_holder) between 2 and 200),
  created_by        text not null,
  created_at        timestamptz not null default now(),
  check (valid_to >= valid_from)
);
create index licence_listing on licence (municipality_code, listing_id, valid_to);
alter table licence enable row level security;
create policy licence_tenant on licence
  using (municipality_code = current_setting('app.municipality', true))
  with check (municipality_code = current_setting('app.municipality', true));

-- A seat is taken by a distinct citizen at their first launch under the licence.
create table licence_seat (
  licence_id        uuid not null references licence (id),
  citizen_id        uuid not null references citizen (id),
  municipality_code char(3) not null references municipality (code),
  first_launch_at   timestamptz not null default now(),
  primary key (licence_id, citizen_id)
);
alter table licence_seat enable row level security;
create policy licence_seat_tenant on licence_seat
  using (municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true))
  with check (municipality_code = current_setting('app.municipality', true));

-- Takes (or finds) the citizen's (app.citizen) seat on a licence of their municipality valid today for the listing.
-- Returns 'free' (no licence needed: the listing is not licensed here), 'seat' (has or got a seat), or 'full'.
create function claim_licence_seat(p_listing uuid) returns text
language plpgsql security definer set search_path = public
as $$
declare
  v_citizen uuid := nullif(current_setting('app.citizen', true), '')::uuid;
  v_home char(3);
  v_licence licence;
  v_taken int;
  v_any boolean := false;
begin
  select municipality_code into v_home from citizen where id = v_citizen;
  if v_home is null then raise exception 'no citizen in this transaction' using errcode = 'insufficient_privilege'; end if;
  for v_licence in
    select * from licence where municipality_code = v_home and listing_id = p_listing
      and current_date between valid_from and valid_to order by valid_to, id for update
  loop
    v_any := true;
    if exists (select 1 from licence_seat where licence_id = v_licence.id and citizen_id = v_citizen) then return 'seat'; end if;
  end loop;
  if not v_any then return 'free'; end if;
  for v_licence in
    select * from licence where municipality_code = v_home and listing_id = p_listing
      and current_date between valid_from and valid_to order by valid_to, id
  loop
    select count(*) into v_taken from licence_seat where licence_id = v_licence.id;
    if v_taken < v_licence.seats then
      insert into licence_seat (licence_id, citizen_id, municipality_code) values (v_licence.id, v_citizen, v_home);
      return 'seat';
    end if;
  end loop;
  return 'full';
end
$$;
revoke all on function claim_licence_seat(uuid) from public;
grant execute on function claim_licence_seat(uuid) to jobunivers_app;

-- Branding within DKFDS: a logo (PNG or JPEG, stored here, served by the platform), a display name and contacts.
create table municipality_branding (
  municipality_code char(3) primary key references municipality (code),
  display_name      text check (length(display_name) between 2 and 120),
  logo              bytea check (length(logo) <= 200000),
  logo_type         text check (logo_type in ('image/png', 'image/jpeg')),
  logo_alt          text check (length(logo_alt) <= 200),
  contact_text_da   text check (length(contact_text_da) <= 1000),
  contact_text_en   text check (length(contact_text_en) <= 1000),
  updated_by        text not null,
  updated_at        timestamptz not null default now(),
  check ((logo is null) = (logo_type is null))
);
alter table municipality_branding enable row level security;
create policy municipality_branding_read on municipality_branding for select using (true);
create policy municipality_branding_write on municipality_branding for all
  using (municipality_code = current_setting('app.municipality', true))
  with check (municipality_code = current_setting('app.municipality', true));
