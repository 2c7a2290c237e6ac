-- webhooks: the municipality API's clients (issue 15). A municipal administrator creates a client for the
-- municipality's own systems; the client exchanges its id and secret (OAuth 2 client credentials) for a short-lived
-- opaque bearer token that acts for the municipality (role municipality_api) — today to read the municipality's
-- change feed. As the vendor API's clients (0015): only hashes are stored, a client is never deleted nor its secret
-- changed (make a new one), and revoking stops its tokens at once.
create table municipality_api_client (
  id                uuid primary key default gen_random_uuid(),
  municipality_code char(3) not null references municipality (code),
  client_id         text not null unique check (client_id ~ '^jmc_[A-Za-z0-9_-]{16,64}$'),
  secret_hash       bytea not null check (length(secret_hash) = 32),
  name              text not null check (length(name) between 2 and 100),
  created_by        text not null,
  created_at        timestamptz not null default now(),
  last_used_at      timestamptz,
  revoked_at        timestamptz,
  revoked_by        text,
  check ((revoked_at is null) = (revoked_by is null))
);
create index municipality_api_client_municipality on municipality_api_client (municipality_code, created_at desc);

create table municipality_api_token (
  token_hash bytea primary key check (length(token_hash) = 32),
  client_id  uuid not null references municipality_api_client (id) on delete cascade,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index municipality_api_token_expiry on municipality_api_token (expires_at);

revoke update, delete on municipality_api_client from jobunivers_app;
grant update (last_used_at, revoked_at, revoked_by) on municipality_api_client to jobunivers_app;

-- The municipality's own transactions (app.municipality) see and keep its clients; the token endpoint and the bearer
-- check, which act for nobody yet, look a client up by its id in a transaction marked app.municipality_api = 'on'
-- (set only by this module's repository).
alter table municipality_api_client enable row level security;
create policy municipality_api_client_scope on municipality_api_client for all
  using (municipality_code = current_setting('app.municipality', true) or current_setting('app.municipality_api', true) = 'on')
  with check (municipality_code = current_setting('app.municipality', true) or current_setting('app.municipality_api', true) = 'on');

-- Tokens follow their client (the subquery is itself under the client's policy).
alter table municipality_api_token enable row level security;
create policy municipality_api_token_scope on municipality_api_token for all
  using (exists (select 1 from municipality_api_client c where c.id = municipality_api_token.client_id))
  with check (exists (select 1 from municipality_api_client c where c.id = municipality_api_token.client_id));
