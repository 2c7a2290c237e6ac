-- vendors: API clients for the vendor API (/api/vendor/v1/), OAuth 2 client credentials (RFC 6749 §4.4).
-- A vendor administrator creates a client and sees its secret once; only a SHA-256 of the secret is kept (the
-- secret is 256 random bits, so a fast hash is enough). Access tokens are opaque, short-lived and also stored
-- hashed; revoking a client ends its tokens at once.
create table vendor_api_client (
  id           uuid primary key default gen_random_uuid(),
  vendor_id    uuid not null references vendor (id),
  client_id    text not null unique check (client_id ~ '^jvc_[A-Za-z0-9_-]{16,64}$'),
  secret_hash  bytea not null check (length(secret_hash) = 32),
  name         text not null check (length(name) between 2 and 100),
  created_by   text not null,
  created_at   timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at   timestamptz,
  revoked_by   text
);
create index vendor_api_client_vendor on vendor_api_client (vendor_id, created_at desc);

create table vendor_api_token (
  token_hash bytea primary key check (length(token_hash) = 32),
  client_id  uuid not null references vendor_api_client (id) on delete cascade,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index vendor_api_token_expiry on vendor_api_token (expires_at);

-- A client is never deleted (its history names it) and its secret never changes: make a new one instead.
revoke update, delete on vendor_api_client from jobunivers_app;
grant update (last_used_at, revoked_at, revoked_by) on vendor_api_client to jobunivers_app;
