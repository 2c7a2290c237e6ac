-- sso: which platform session (the citizen's sign-in, table session) a vendor's single sign-on came from, so that when
-- that session ends (sign-out, sign-out everywhere, expiry; the session_ended notification of 0022 carries its hash)
-- the provider's sessions for the citizen end too and the vendors hear it by back-channel logout. One row per
-- platform session; the process that deletes the row is the one that sends the logouts.
create table sso_platform_session (
  token_hash  bytea primary key,
  account_id  text not null check (length(account_id) <= 200),
  created_at  timestamptz not null default now()
);
create index sso_platform_session_account on sso_platform_session (account_id);
