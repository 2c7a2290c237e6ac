-- Issue 6: the platform as OpenID Provider for vendor services, consent with signed receipts, and the vendors'
-- deletion requests.

-- What a listing registers for single sign-on besides its redirect URIs and client authentication (0012):
-- where the platform starts the vendor's login (OpenID Connect third-party initiated login; the service URL when
-- absent), where the vendor hears of a sign-out (back-channel logout), where the platform asks for deletion
-- (docs/VENDOR-DELETION.md), and whether the service can be used without the data when the citizen declines.
alter table listing_version
  add column initiate_login_uri text check (length(initiate_login_uri) <= 2000),
  add column backchannel_logout_uri text check (length(backchannel_logout_uri) <= 2000),
  add column deletion_uri text check (length(deletion_uri) <= 2000),
  add column works_without_data boolean not null default true;

-- oidc-provider's models (sessions, interactions, grants, codes, tokens, pushed requests, replay ids), one row each,
-- as its adapter interface has them. `account_id` and `client_id` are copied out of the payload so that a citizen's
-- grants and tokens for one vendor can be revoked at once.
create table oidc_model (
  kind        text not null check (length(kind) <= 60),
  id          text not null check (length(id) <= 200),
  payload     jsonb not null,
  grant_id    text,
  uid         text,
  user_code   text,
  account_id  text,
  client_id   text,
  expires_at  timestamptz,
  consumed_at timestamptz,
  primary key (kind, id)
);
create index oidc_model_grant on oidc_model (grant_id) where grant_id is not null;
create index oidc_model_uid on oidc_model (uid) where uid is not null;
create index oidc_model_user_code on oidc_model (user_code) where user_code is not null;
create index oidc_model_account on oidc_model (account_id, client_id) where account_id is not null;
create index oidc_model_expires on oidc_model (expires_at) where expires_at is not null;

-- The provider's signing keys. The private key is stored encrypted (AES-256-GCM under a key derived from the
-- configured secret); `active` signs, `previous` is still published in the JWKS so tokens signed before a rotation
-- verify, `retired` is gone from it.
create table oidc_signing_key (
  kid         text primary key check (length(kid) <= 100),
  alg         text not null check (alg in ('ES256', 'RS256', 'PS256')),
  private_key bytea not null,
  public_jwk  jsonb not null,
  status      text not null check (status in ('active', 'previous', 'retired')),
  created_at  timestamptz not null default now(),
  retired_at  timestamptz
);
create unique index oidc_signing_key_one_active on oidc_signing_key (alg) where status = 'active';

-- A listing's client secret, for vendors that authenticate with client_secret_basic (private_key_jwt preferred).
-- oidc-provider compares the secret itself, so it is kept encrypted, not hashed.
create table oidc_client_secret (
  listing_id  uuid primary key references listing (id),
  secret      bytea not null,
  created_at  timestamptz not null default now(),
  created_by  text not null
);

-- A citizen's decision about the data a vendor's service asks for (Kantara Consent Receipt / ISO/IEC TS 27560):
-- what was shown (the policy: the listing version's categories, purposes and legal bases, hashed), how it was
-- collected, for how long it holds, and its withdrawal. One current decision per citizen and listing; a new one
-- (the categories changed) supersedes it. `receipt` is the signed receipt (compact JWS) the citizen can download.
create table consent_record (
  id                 uuid primary key default gen_random_uuid(),
  citizen_id         uuid not null references citizen (id),
  municipality_code  char(3) not null references municipality (code),
  vendor_id          uuid not null references vendor (id),
  listing_id         uuid not null references listing (id),
  listing_version_id uuid not null references listing_version (id),
  decision           text not null check (decision in ('accepted', 'declined')),
  status             text not null check (status in ('active', 'superseded', 'withdrawn')) default 'active',
  policy_hash        text not null check (policy_hash ~ '^[A-Za-z0-9_-]{43}$'),
  collection_method  text not null check (collection_method in ('web_form')),
  language           text not null check (language in ('da', 'en')),
  given_at           timestamptz not null default now(),
  valid_until        timestamptz not null,
  withdrawn_at       timestamptz,
  receipt            text,
  check ((status = 'withdrawn') = (withdrawn_at is not null)),
  check (valid_until > given_at)
);
create unique index consent_record_current on consent_record (citizen_id, listing_id) where status = 'active';
create index consent_record_citizen on consent_record (citizen_id, given_at desc);
create index consent_record_vendor on consent_record (citizen_id, vendor_id) where status = 'active';

-- The data categories a decision covers, each with the purpose and legal basis the citizen was shown.
create table consent_record_category (
  consent_id  uuid not null references consent_record (id) on delete cascade,
  category    text not null references data_category (code),
  citizen_id  uuid not null references citizen (id),
  municipality_code char(3) not null references municipality (code),
  purpose_da  text not null,
  purpose_en  text not null,
  legal_basis text not null check (legal_basis in ('consent', 'contract', 'legal_obligation', 'public_task')),
  primary key (consent_id, category)
);

-- The platform's requests to a vendor to delete what it holds about a citizen (docs/VENDOR-DELETION.md): on
-- withdrawal or when the citizen asks. Sent by a durable, retried job; the status is shown to the citizen.
create table vendor_deletion_request (
  id                uuid primary key default gen_random_uuid(),
  citizen_id        uuid not null references citizen (id),
  municipality_code char(3) not null references municipality (code),
  vendor_id         uuid not null references vendor (id),
  listing_id        uuid not null references listing (id),
  consent_id        uuid references consent_record (id),
  reason            text not null check (reason in ('consent_withdrawn', 'deletion_requested')),
  status            text not null check (status in ('pending', 'accepted', 'completed', 'failed', 'not_supported')) default 'pending',
  attempts          int not null default 0,
  last_error        text check (length(last_error) <= 1000),
  vendor_reference  text check (length(vendor_reference) <= 200),
  requested_at      timestamptz not null default now(),
  updated_at        timestamptz not null default now()
);
create index vendor_deletion_request_citizen on vendor_deletion_request (citizen_id, requested_at desc);

-- A citizen's consents and deletion requests are theirs and their municipality's, as the journey's rows (0017).
do $$
declare
  t text;
begin
  foreach t in array array['consent_record', 'consent_record_category', 'vendor_deletion_request'] loop
    execute format('alter table %I enable row level security', t);
    execute format($p$create policy %I on %I
      using (municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true))
      with check (municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true))$p$,
      t || '_owner', t);
  end loop;
end
$$;
-- A decision is never rewritten: only its status moves (superseded, withdrawn) and its receipt is attached.
revoke delete on consent_record, consent_record_category from jobunivers_app;
