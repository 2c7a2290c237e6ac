-- listings: the review workflow. A version is written as a draft (incomplete is fine), submitted, checked
-- automatically (checks_failed sends it back to the vendor with the results), reviewed by governance (in_review,
-- with an assignee), and approved / sent back with changes requested / rejected. An approved version is live until
-- a newer one is approved (it becomes superseded), it is suspended, or the listing is delisted. Every move is a row
-- in listing_transition with actor, time and reason.

alter table listing_version drop constraint listing_version_status_check;
alter table listing_version drop constraint listing_version_service_url_check;
alter table listing_version drop constraint listing_version_accessibility_statement_url_check;
alter table listing_version
  add constraint listing_version_status_check check (status in (
    'draft', 'submitted', 'checks_failed', 'in_review', 'approved', 'changes_requested', 'rejected', 'suspended', 'superseded', 'delisted'));

-- Drafts may be incomplete; the automated checks say what is missing. Past the vendor's hands, a version is complete.
alter table listing_version
  alter column name_da drop not null,
  alter column name_en drop not null,
  alter column summary_da drop not null,
  alter column summary_en drop not null,
  alter column description_da drop not null,
  alter column description_en drop not null,
  alter column journey_stage drop not null,
  alter column price_model drop not null,
  alter column required_nsis_level drop not null,
  alter column service_url drop not null,
  alter column accessibility_statement_url drop not null;

alter table listing_version
  add column channels text[] not null default '{}'
    check (channels <@ array['web', 'app', 'video', 'phone', 'in_person']::text[]),
  add column redirect_uris text[] not null default '{}' check (cardinality(redirect_uris) <= 10),
  add column client_auth_method text check (client_auth_method in ('private_key_jwt', 'client_secret_basic')),
  add column jwks_uri text check (length(jwks_uri) <= 2000),
  add column created_by text not null default 'system',
  add column submitted_at timestamptz,
  add column submitted_by text,
  add column assignee_subject text,
  add column assignee_name text,
  add column decided_at timestamptz,
  add constraint listing_version_url_lengths check (length(service_url) <= 2000 and length(accessibility_statement_url) <= 2000),
  add constraint listing_version_complete_past_vendor check (
    status in ('draft', 'checks_failed', 'changes_requested', 'delisted')
    or (name_da is not null and name_en is not null and summary_da is not null and summary_en is not null
        and description_da is not null and description_en is not null and journey_stage is not null
        and price_model is not null and required_nsis_level is not null
        and service_url ~ '^https://' and accessibility_statement_url ~ '^https://'));

-- The search column again, now over nullable text.
alter table listing_version drop column search;
alter table listing_version add column search tsvector generated always as (
  setweight(to_tsvector('danish', coalesce(name_da, '')), 'A') ||
  setweight(to_tsvector('danish', coalesce(summary_da, '')), 'B') ||
  setweight(to_tsvector('danish', coalesce(description_da, '')), 'C')
) stored;
drop index if exists listing_version_trigram;
-- Only approved versions are ever searched, so only they are indexed.
create index listing_version_search on listing_version using gin (search) where status = 'approved';
create index listing_version_trigram on listing_version using gin ((name_da || ' ' || summary_da) gin_trgm_ops) where status = 'approved';

-- At most one live (approved) version per listing, and at most one version in the works.
create unique index listing_one_live on listing_version (listing_id) where status = 'approved';
create unique index listing_one_open on listing_version (listing_id)
  where status in ('draft', 'submitted', 'checks_failed', 'in_review', 'changes_requested');
create index listing_version_queue on listing_version (submitted_at) where status = 'in_review';

alter table listing
  add column created_by text not null default 'system',
  add column delisted_at timestamptz;

-- Data categories a version asks for, each with its purpose and legal basis (GDPR art. 6).
create table listing_version_data_category (
  version_id  uuid not null references listing_version (id) on delete cascade,
  category    text not null references data_category (code),
  purpose_da  text check (length(purpose_da) <= 500),
  purpose_en  text check (length(purpose_en) <= 500),
  legal_basis text check (legal_basis in ('consent', 'contract', 'legal_obligation', 'public_task')),
  primary key (version_id, category)
);

-- Every move of a version, with who, when and why. Append-only for the application.
create table listing_transition (
  id            bigint generated always as identity primary key,
  version_id    uuid not null references listing_version (id) on delete cascade,
  listing_id    uuid not null references listing (id),
  from_status   text,
  to_status     text not null,
  actor_subject text not null,
  actor_name    text not null,
  actor_role    text not null,
  reason        text check (length(reason) <= 5000),
  at            timestamptz not null default now()
);
create index listing_transition_version on listing_transition (version_id, at);

-- The automated checks of each submission (attempt = the how-manieth submission of the version).
create table listing_check (
  version_id  uuid not null references listing_version (id) on delete cascade,
  attempt     int not null,
  code        text not null,
  outcome     text not null check (outcome in ('passed', 'failed', 'skipped')),
  message_key text not null,
  params      jsonb not null default '{}',
  checked_at  timestamptz not null default now(),
  primary key (version_id, attempt, code)
);

-- Which municipalities have enabled which listings (curation builds on it; suspension and delisting notify them).
create table municipality_listing (
  municipality_code char(3) not null references municipality (code),
  listing_id        uuid not null references listing (id),
  enabled_by        text not null,
  enabled_at        timestamptz not null default now(),
  primary key (municipality_code, listing_id)
);
alter table municipality_listing enable row level security;
create policy municipality_listing_tenant on municipality_listing
  using (municipality_code = current_setting('app.municipality', true))
  with check (municipality_code = current_setting('app.municipality', true));

-- Notices to a vendor (recipient_vendor_id) or a municipality (recipient_municipality) about a listing.
create table notice (
  id                     uuid primary key default gen_random_uuid(),
  recipient_vendor_id    uuid references vendor (id),
  recipient_municipality char(3) references municipality (code),
  listing_id             uuid not null references listing (id),
  kind                   text not null check (kind in ('approved', 'changes_requested', 'rejected', 'checks_failed', 'suspended', 'reinstated', 'delisted')),
  listing_name           text not null,
  reason                 text,
  created_at             timestamptz not null default now(),
  check ((recipient_vendor_id is null) <> (recipient_municipality is null))
);
create index notice_vendor on notice (recipient_vendor_id, created_at desc);
create index notice_municipality on notice (recipient_municipality, created_at desc);
alter table notice enable row level security;
-- A municipality sees only its own notices; vendor notices are not a municipal tenant's.
create policy notice_read on notice for select
  using (recipient_municipality is null or recipient_municipality = current_setting('app.municipality', true));
create policy notice_write on notice for insert with check (recipient_municipality is null);

-- Governance acts across municipalities: this tells every municipality that enabled a listing, past row-level security.
create function notify_municipalities_of_listing(p_listing uuid, p_kind text, p_name text, p_reason text) returns int
language sql security definer set search_path = public
as $$
  with sent as (
    insert into notice (recipient_municipality, listing_id, kind, listing_name, reason)
    select municipality_code, p_listing, p_kind, p_name, p_reason from municipality_listing where listing_id = p_listing
    returning 1
  )
  select count(*)::int from sent
$$;
revoke all on function notify_municipalities_of_listing(uuid, text, text, text) from public;

-- Tables get the application's privileges by default (0005); history and notices are append-only for it.
revoke update, delete on listing_transition, notice from jobunivers_app;
grant execute on function notify_municipalities_of_listing(uuid, text, text, text) to jobunivers_app;
