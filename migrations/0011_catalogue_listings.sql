-- catalogue: a vendor's service listing and its versions. A version moves draft → submitted → in_review →
-- approved / changes_requested / rejected, and an approved one can be suspended or delisted; the latest
-- approved version is what the national catalogue shows while a newer one is reviewed.
create extension if not exists pg_trgm;

create table listing (
  id         uuid primary key default gen_random_uuid(),
  vendor_id  uuid not null references vendor (id),
  created_at timestamptz not null default now()
);
create index listing_vendor on listing (vendor_id);

create table listing_version (
  id                          uuid primary key default gen_random_uuid(),
  listing_id                  uuid not null references listing (id),
  version                     int not null check (version >= 1),
  status                      text not null check (status in ('draft', 'submitted', 'in_review', 'approved', 'changes_requested', 'rejected', 'suspended', 'delisted')),
  name_da                     text not null check (length(name_da) between 2 and 120),
  name_en                     text not null check (length(name_en) between 2 and 120),
  summary_da                  text not null check (length(summary_da) between 10 and 300),
  summary_en                  text not null check (length(summary_en) between 10 and 300),
  description_da              text not null check (length(description_da) <= 10000),
  description_en              text not null check (length(description_en) <= 10000),
  journey_stage               text not null references journey_stage (code),
  price_model                 text not null check (price_model in ('free', 'licence', 'per_seat', 'per_completion')),
  required_nsis_level         text not null check (required_nsis_level in ('Low', 'Substantial', 'High')),
  service_url                 text not null check (service_url ~ '^https://'),
  accessibility_statement_url text not null check (accessibility_statement_url ~ '^https://'),
  created_at                  timestamptz not null default now(),
  updated_at                  timestamptz not null default now(),
  -- Danish full-text search: the name weighs most, then the summary, then the description.
  search                      tsvector generated always as (
    setweight(to_tsvector('danish', name_da), 'A') ||
    setweight(to_tsvector('danish', summary_da), 'B') ||
    setweight(to_tsvector('danish', description_da), 'C')
  ) stored,
  unique (listing_id, version)
);
create index listing_version_search on listing_version using gin (search);
-- Typo tolerance: trigram matching on the words of name and summary.
create index listing_version_trigram on listing_version using gin ((name_da || ' ' || summary_da) gin_trgm_ops);
create index listing_version_status on listing_version (status, listing_id, version desc);

create table listing_version_category (
  version_id uuid not null references listing_version (id) on delete cascade,
  category   text not null references service_category (code),
  primary key (version_id, category)
);
create table listing_version_target_group (
  version_id   uuid not null references listing_version (id) on delete cascade,
  target_group text not null references target_group (code),
  primary key (version_id, target_group)
);
create table listing_version_language (
  version_id uuid not null references listing_version (id) on delete cascade,
  language   text not null references language (code),
  primary key (version_id, language)
);
