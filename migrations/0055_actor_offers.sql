-- actor-offers: an a-kasse's or another actor's own offers (workshops, courses, meetings of its own) and its
-- recommendations of listings in the national catalogue, for the citizens it is responsible for. A municipality has
-- curation's local offers and recommendations already, so a kommune writes none here.
create table actor_offer (
  id              uuid primary key default gen_random_uuid(),
  organisation_id text not null references organisation (id),
  title_da        text not null check (length(title_da) between 2 and 120),
  title_en        text not null check (length(title_en) between 2 and 120),
  description_da  text not null check (length(description_da) between 10 and 4000),
  description_en  text not null check (length(description_en) between 10 and 4000),
  place           text not null check (length(place) between 2 and 200),
  starts_at       timestamptz not null,
  ends_at         timestamptz not null,
  url             text check (url ~ '^https://[^\s]+$' and length(url) <= 500),
  created_by      text not null,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  cancelled_at    timestamptz,
  check (ends_at > starts_at)
);
create index actor_offer_organisation on actor_offer (organisation_id, starts_at);

create table actor_recommendation (
  id              uuid primary key default gen_random_uuid(),
  organisation_id text not null references organisation (id),
  listing_id      uuid not null references listing (id),
  note_da         text check (length(note_da) between 1 and 500),
  note_en         text check (length(note_en) between 1 and 500),
  created_by      text not null,
  created_at      timestamptz not null default now(),
  unique (organisation_id, listing_id),
  check ((note_da is null) = (note_en is null))
);

-- Reads are open to the app role: the offers are shown to the citizens the organisation serves, and the service decides
-- whom. Writes only for the organisation the transaction acts for (app.organisation), and never for a kommune (the id
-- names the kind: organisation's check ties 'kommune-' to kind 'kommune'). Offers are cancelled, never deleted.
alter table actor_offer enable row level security;
create policy actor_offer_read on actor_offer for select using (true);
create policy actor_offer_insert on actor_offer for insert
  with check (organisation_id = current_setting('app.organisation', true) and organisation_id not like 'kommune-%');
create policy actor_offer_update on actor_offer for update
  using (organisation_id = current_setting('app.organisation', true) and organisation_id not like 'kommune-%')
  with check (organisation_id = current_setting('app.organisation', true) and organisation_id not like 'kommune-%');
revoke delete on actor_offer from jobunivers_app;

alter table actor_recommendation enable row level security;
create policy actor_recommendation_read on actor_recommendation for select using (true);
create policy actor_recommendation_insert on actor_recommendation for insert
  with check (organisation_id = current_setting('app.organisation', true) and organisation_id not like 'kommune-%');
create policy actor_recommendation_delete on actor_recommendation for delete
  using (organisation_id = current_setting('app.organisation', true) and organisation_id not like 'kommune-%');
revoke update on actor_recommendation from jobunivers_app;

-- Any write — the app's, the demo seed's, a fixture's — tells every process's marketplace cache that the organisation's
-- offer changed (src/platform/changes.ts: actorOffersChanged), once per organisation and transaction.
create function actor_offers_announce_change() returns trigger
language plpgsql
as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    perform announce_change('actorOffersChanged', jsonb_build_object('organisationId', new.organisation_id), tg_table_name);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    perform announce_change('actorOffersChanged', jsonb_build_object('organisationId', old.organisation_id), tg_table_name);
  end if;
  return null;
end
$$;
create trigger actor_offer_changed after insert or update or delete on actor_offer
  for each row execute function actor_offers_announce_change();
create trigger actor_recommendation_changed after insert or update or delete on actor_recommendation
  for each row execute function actor_offers_announce_change();
