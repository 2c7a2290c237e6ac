-- events: what a vendor's service reports about a citizen's activity in its listing (issue 15), CloudEvents 1.0 or
-- xAPI mapped onto the same types. A row is written once: the vendor's event id is its idempotency key, and the hash
-- of what it sent decides whether a repeat is the same event (acknowledged again) or a different one (409).
create table activity_event (
  id                uuid primary key default gen_random_uuid(),
  vendor_id         uuid not null references vendor (id),
  listing_id        uuid not null references listing (id),
  citizen_id        uuid not null references citizen (id),
  -- The citizen's municipality when the event arrived, as on the journey's rows.
  municipality_code char(3) not null references municipality (code),
  event_id          text not null check (length(event_id) between 1 and 200),
  type              text not null check (length(type) between 3 and 200),
  occurred_at       timestamptz not null,
  data              jsonb not null default '{}'::jsonb,
  body_hash         bytea not null check (length(body_hash) = 32),
  received_via      text not null check (received_via in ('cloudevents', 'xapi')),
  received_at       timestamptz not null default now(),
  unique (vendor_id, event_id)
);
create index activity_event_citizen on activity_event (citizen_id, occurred_at desc, id);
create index activity_event_listing on activity_event (listing_id, received_at);

alter table activity_event enable row level security;
-- The vendor's service writes and reads its own events (app.vendor, set by the events service for its transaction);
-- the citizen reads theirs; staff read as they read the journey's rows (responsibility, 0048/0058). Nobody changes or
-- deletes an event through the app.
create policy activity_event_vendor_inserts on activity_event for insert
  with check (vendor_id::text = current_setting('app.vendor', true));
create policy activity_event_vendor_reads on activity_event for select
  using (vendor_id::text = current_setting('app.vendor', true));
create policy activity_event_citizen_reads on activity_event for select
  using (citizen_id::text = current_setting('app.citizen', true));
create policy activity_event_staff_reads on activity_event for select
  using (organisation_serves_citizen(citizen_id, municipality_code) or organisation_knew_citizen_at(citizen_id, received_at));
revoke update, delete on activity_event from jobunivers_app;

-- Published for the citizen's timeline and the Joblog forwarding: what happened, for whom and when, without the
-- vendor's idempotency key or hash. security_invoker: the policies above still decide who sees which rows.
create view activity_event_entry with (security_invoker = true) as
select e.id, e.vendor_id, e.listing_id, e.citizen_id, e.municipality_code, e.type, e.occurred_at, e.data, e.received_at
from activity_event e;

revoke insert, update, delete on activity_event_entry from jobunivers_app;
grant select on activity_event_entry to jobunivers_app;
