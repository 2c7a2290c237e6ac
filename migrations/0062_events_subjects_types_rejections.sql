-- events: what the ingest needs beside activity_event (0061) — who a vendor's `subject` is, the vendor's own event
-- types, and the items it refused, so the vendor can see why.

-- Who a pairwise subject is, per listing. A vendor names a citizen only by the pairwise sub (HMAC of vendor and
-- citizen, src/platform/crypto/pairwise.ts), which cannot be reversed; so the ingest keeps the subs of the citizens
-- who launched each listing (marketplace's listing_launch, outcome 'launched'), computed once per launcher, and a
-- lookup is one primary-key probe per event (one query per batch). A row's presence is also the rule "this citizen
-- launched THIS listing": only launchers of the listing are ever written here. On a miss the ingest maps the
-- listing's launches since `event_subject_sync.synced_until` (less five minutes, for a launch whose transaction began
-- before the last sync and committed after it) and looks again.
create table event_subject (
  listing_id        uuid not null references listing (id),
  subject           text not null check (length(subject) between 1 and 200),
  vendor_id         uuid not null references vendor (id),
  citizen_id        uuid not null references citizen (id),
  -- The citizen's municipality at their latest launch of the listing, stored with each event (as the journey's rows do).
  municipality_code char(3) not null references municipality (code),
  primary key (listing_id, subject)
);
create index event_subject_citizen on event_subject (citizen_id);

create table event_subject_sync (
  listing_id        uuid primary key references listing (id),
  vendor_id         uuid not null references vendor (id),
  synced_until      timestamptz not null
);

-- A vendor's own event types, under its own prefix dk.cvr.<CVR>.<name>, with an optional JSON Schema for `data`.
create table event_custom_type (
  id                uuid primary key default gen_random_uuid(),
  vendor_id         uuid not null references vendor (id),
  type              text not null unique check (type ~ '^dk\.cvr\.[0-9]{8}\.[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$' and length(type) <= 200),
  description       text not null default '' check (length(description) <= 500),
  data_schema       jsonb check (data_schema is null or octet_length(data_schema::text) <= 16384),
  created_by        text not null,
  created_at        timestamptz not null default now()
);
create index event_custom_type_vendor on event_custom_type (vendor_id, type);

-- Every item the ingest refused, with its field errors (catalogue keys and parameters, shown in the reader's
-- language) and the item as sent, cut to 4 KB. Kept 30 days (events.prune-rejections).
create table event_rejection (
  id                bigint generated always as identity primary key,
  vendor_id         uuid not null references vendor (id),
  received_at       timestamptz not null default now(),
  event_id          text check (length(event_id) <= 200),
  -- The listing the item named when it is one of the vendor's (for the log's filter), else null.
  listing_id        uuid references listing (id),
  type              text check (length(type) <= 200),
  code              text not null check (length(code) between 1 and 40),
  errors            jsonb not null,
  item              text not null check (octet_length(item) <= 4096),
  received_via      text not null check (received_via in ('cloudevents', 'xapi'))
);
create index event_rejection_vendor on event_rejection (vendor_id, received_at desc, id desc);
create index event_rejection_listing on event_rejection (listing_id, received_at desc) where listing_id is not null;
create index activity_event_vendor_log on activity_event (vendor_id, received_at desc, id desc);

-- The vendor (app.vendor, set by the events service for its transaction, whether its API client's or its portal
-- user's) sees and writes only its own rows; nobody else reads them through the app.
do $$
declare
  t text;
begin
  foreach t in array array['event_subject', 'event_subject_sync', 'event_custom_type', 'event_rejection'] loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy %I on %I
      using (vendor_id::text = current_setting('app.vendor', true))
      with check (vendor_id::text = current_setting('app.vendor', true))$p$, t || '_vendor', t);
  end loop;
end
$$;
-- The nightly prune removes rejections older than 30 days, whoever's they are, and nothing younger.
create policy event_rejection_prune on event_rejection for delete using (received_at < now() - interval '30 days');
revoke update on event_rejection, event_custom_type from jobunivers_app;
revoke delete on event_custom_type, event_subject from jobunivers_app;
