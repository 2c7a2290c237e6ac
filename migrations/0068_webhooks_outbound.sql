-- webhooks: what the platform tells vendors' and municipalities' systems (issue 15). A writer records an outbound event
-- in its own transaction (the outbox), so it is durable exactly when the change is; a dispatcher turns each into one
-- delivery per subscribed endpoint, and a sender delivers them after the Standard Webhooks specification. The same rows
-- are read as a pull feed. `xid` is the writing transaction's id: a reader sees only rows below its snapshot's xmin,
-- ordered by (xid, seq), so a row whose sequence number was taken before a later row's but committed after it is
-- never skipped by a cursor that has moved past the later one.
create table outbound_event (
  seq               bigint generated always as identity primary key,
  xid               xid8 not null default pg_current_xact_id(),
  id                uuid not null unique default gen_random_uuid(),
  vendor_id         uuid references vendor (id),
  municipality_code char(3) references municipality (code),
  type              text not null check (type ~ '^[a-z][a-z0-9.-]{2,99}$'),
  -- The citizen the event is about: turned into the vendor's pairwise subject, or the platform's id for a
  -- municipality, when the event is read; never a CPR number.
  citizen_id        uuid,
  data              jsonb not null default '{}'::jsonb,
  created_at        timestamptz not null default now(),
  check (num_nonnulls(vendor_id, municipality_code) = 1)
);
create index outbound_event_order on outbound_event (xid, seq);
create index outbound_event_vendor on outbound_event (vendor_id, xid, seq) where vendor_id is not null;
create index outbound_event_municipality on outbound_event (municipality_code, xid, seq) where municipality_code is not null;

create table webhook_endpoint (
  id                uuid primary key default gen_random_uuid(),
  vendor_id         uuid references vendor (id),
  municipality_code char(3) references municipality (code),
  url               text not null check (length(url) between 10 and 500 and url ~ '^https?://'),
  description       text check (length(description) <= 200),
  event_types       text[] not null check (cardinality(event_types) between 1 and 20),
  status            text not null default 'active' check (status in ('active', 'disabled')),
  -- owner: switched off by its owner; gone: the receiver answered 410; failing: no success for 5 days.
  disabled_reason   text check (disabled_reason in ('owner', 'gone', 'failing')),
  disabled_at       timestamptz,
  failing_since     timestamptz,
  created_by        text not null,
  created_at        timestamptz not null default now(),
  check (num_nonnulls(vendor_id, municipality_code) = 1),
  check ((status = 'disabled') = (disabled_reason is not null and disabled_at is not null))
);
create index webhook_endpoint_vendor on webhook_endpoint (vendor_id) where vendor_id is not null;
create index webhook_endpoint_municipality on webhook_endpoint (municipality_code) where municipality_code is not null;

-- Signing secrets, sealed with the platform's key (AES-256-GCM); two are live during a rotation.
create table webhook_secret (
  id          uuid primary key default gen_random_uuid(),
  endpoint_id uuid not null references webhook_endpoint (id) on delete cascade,
  sealed      bytea not null,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz
);
create index webhook_secret_endpoint on webhook_secret (endpoint_id, created_at desc);

-- One delivery per endpoint and outbound event (a test message has no event). `message_id` is the webhook-id header:
-- the same on every attempt and after a re-drive, so a receiver can drop what it already has.
create table webhook_delivery (
  id                 uuid primary key default gen_random_uuid(),
  message_id         text not null unique default ('msg_' || replace(gen_random_uuid()::text, '-', '')),
  endpoint_id        uuid not null references webhook_endpoint (id) on delete cascade,
  outbound_event_seq bigint references outbound_event (seq),
  status             text not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
  attempts           integer not null default 0 check (attempts >= 0),
  next_attempt_at    timestamptz not null default now(),
  last_attempt_at    timestamptz,
  last_status        integer,
  last_error         text check (length(last_error) <= 1000),
  delivered_at       timestamptz,
  dead_at            timestamptz,
  redrives           integer not null default 0,
  created_at         timestamptz not null default now(),
  unique (endpoint_id, outbound_event_seq)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, created_at desc);
create index webhook_delivery_dead on webhook_delivery (dead_at desc) where status = 'dead';

-- Where the dispatcher got to in the outbox; its row lock lets one dispatcher run at a time across processes.
create table webhook_dispatch_cursor (
  id  integer primary key check (id = 1),
  xid xid8 not null,
  seq bigint not null
);
insert into webhook_dispatch_cursor (id, xid, seq) values (1, '0'::xid8, 0);

-- Any writer records (whatever tenant its transaction acts for); reading is for the audience — a vendor's transaction
-- (app.vendor), a municipality's (app.municipality) — or the webhooks module's own worker and operator pages
-- (app.webhook_worker). Outbound events are never changed or deleted by the app.
alter table outbound_event enable row level security;
create policy outbound_event_insert on outbound_event for insert with check (true);
create policy outbound_event_read on outbound_event for select using (
  vendor_id::text = current_setting('app.vendor', true)
  or municipality_code = current_setting('app.municipality', true)
  or current_setting('app.webhook_worker', true) = 'on');
revoke update, delete on outbound_event from jobunivers_app;

alter table webhook_endpoint enable row level security;
create policy webhook_endpoint_owner on webhook_endpoint for all
  using (vendor_id::text = current_setting('app.vendor', true)
    or municipality_code = current_setting('app.municipality', true)
    or current_setting('app.webhook_worker', true) = 'on')
  with check (vendor_id::text = current_setting('app.vendor', true)
    or municipality_code = current_setting('app.municipality', true)
    or current_setting('app.webhook_worker', true) = 'on');

-- Secrets and deliveries follow their endpoint (the subquery is itself under the endpoint's policy).
alter table webhook_secret enable row level security;
create policy webhook_secret_owner on webhook_secret for all
  using (exists (select 1 from webhook_endpoint e where e.id = endpoint_id))
  with check (exists (select 1 from webhook_endpoint e where e.id = endpoint_id));

alter table webhook_delivery enable row level security;
create policy webhook_delivery_owner on webhook_delivery for all
  using (exists (select 1 from webhook_endpoint e where e.id = endpoint_id))
  with check (exists (select 1 from webhook_endpoint e where e.id = endpoint_id));
revoke delete on webhook_delivery from jobunivers_app;

alter table webhook_dispatch_cursor enable row level security;
create policy webhook_dispatch_cursor_worker on webhook_dispatch_cursor for all
  using (current_setting('app.webhook_worker', true) = 'on')
  with check (current_setting('app.webhook_worker', true) = 'on');
revoke insert, delete on webhook_dispatch_cursor from jobunivers_app;
