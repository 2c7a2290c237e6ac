-- marketplace: the citizen's launches of services and their ratings of them.

create table listing_launch (
  id                bigint generated always as identity primary key,
  citizen_id        uuid not null references citizen (id),
  municipality_code char(3) not null references municipality (code),
  listing_id        uuid not null references listing (id),
  version           int not null,
  outcome           text not null check (outcome in ('launched', 'no_seat')),
  launched_at       timestamptz not null default now()
);
create index listing_launch_citizen on listing_launch (citizen_id, launched_at desc);
create index listing_launch_municipality on listing_launch (municipality_code, listing_id, launched_at);

-- A citizen rates a listing once (1–5, optional text); the municipality moderates before others see the text.
create table listing_rating (
  id                uuid primary key default gen_random_uuid(),
  citizen_id        uuid not null references citizen (id),
  municipality_code char(3) not null references municipality (code),
  listing_id        uuid not null references listing (id),
  stars             int not null check (stars between 1 and 5),
  comment           text check (length(comment) <= 2000),
  status            text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  moderated_by      text,
  moderated_at      timestamptz,
  unique (citizen_id, listing_id)
);
create index listing_rating_listing on listing_rating (listing_id, status);
create index listing_rating_queue on listing_rating (municipality_code, status, created_at);

alter table listing_launch enable row level security;
create policy listing_launch_owner on listing_launch
  using (municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true))
  with check (municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true));
revoke update, delete on listing_launch from jobunivers_app;

alter table listing_rating enable row level security;
-- Everyone reads approved ratings (without who wrote them: the pages never show that); the citizen their own;
-- the municipality those it moderates.
create policy listing_rating_read on listing_rating for select
  using (status = 'approved' or municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true));
create policy listing_rating_citizen_write on listing_rating for insert
  with check (citizen_id::text = current_setting('app.citizen', true));
create policy listing_rating_update on listing_rating for update
  using (municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true))
  with check (municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true));
