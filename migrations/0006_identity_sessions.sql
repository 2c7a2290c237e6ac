-- identity: sign-in attempts (state, nonce and PKCE verifier between redirect and callback) and
-- server-side sessions. Only hashes of the opaque tokens are stored.
create table sign_in_attempt (
  state_hash      bytea primary key,
  nonce           text not null,
  code_verifier   text not null,
  audience        text not null check (audience in ('citizen', 'staff', 'vendor', 'governance')),
  municipality_code char(3) references municipality (code),
  required_level  text not null check (required_level in ('Low', 'Substantial', 'High')),
  return_to       text not null check (return_to like '/%'),
  created_at      timestamptz not null default now(),
  expires_at      timestamptz not null
);
create index sign_in_attempt_expires_at on sign_in_attempt (expires_at);

create table session (
  token_hash      bytea primary key,
  subject         text not null,
  audience        text not null check (audience in ('citizen', 'staff', 'vendor', 'governance')),
  principal       jsonb not null,
  nsis_level      text not null check (nsis_level in ('Low', 'Substantial', 'High')),
  idp_issuer      text not null,
  id_token        text not null,
  created_at      timestamptz not null default now(),
  last_seen_at    timestamptz not null default now(),
  expires_at      timestamptz not null
);
create index session_subject on session (subject);
create index session_expires_at on session (expires_at);
