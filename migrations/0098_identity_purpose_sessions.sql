-- identity: purposes of case work, asked once per citizen per working session. A caseworker who opens a citizen
-- chooses why from their organisation's list of purposes (the platform's own, and those the organisation adds), with
-- a note if they like; the choice holds for that citizen until they sign in again, and every read in it is written to
-- the citizen's Min Log with that purpose (access_log.purpose_code 'case_purpose', purpose_args da/en/note).

-- An organisation's own purposes, beside the platform's (identity.messages.ts: caseworkPurpose.*).
create table case_purpose (
  id               uuid primary key default gen_random_uuid(),
  organisation_id  text not null references organisation (id),
  text_da          text not null check (length(text_da) between 3 and 120),
  text_en          text check (length(text_en) between 3 and 120),
  active           boolean not null default true,
  created_at       timestamptz not null default now()
);
create unique index case_purpose_text on case_purpose (organisation_id, lower(text_da)) where active;

-- The purpose a staff member gave for a citizen in one working session: their sign-in (subject and the time they
-- authenticated) for the organisation they signed in for.
create table purpose_session (
  organisation_id  text not null,
  subject          text not null,
  auth_time        timestamptz not null,
  citizen_id       uuid not null references citizen (id) on delete cascade,
  purpose_da       text not null check (length(purpose_da) between 3 and 700),
  purpose_en       text not null check (length(purpose_en) between 3 and 700),
  note             text check (length(note) <= 500),
  -- Typed as free text (the CPR look-up's, or a link's): Min Log shows it as typed, as any stated purpose.
  typed            boolean not null default false,
  started_at       timestamptz not null default now(),
  primary key (organisation_id, subject, auth_time, citizen_id)
);
-- Sessions last hours; the nightly prune removes the day-old ones.
create index purpose_session_started on purpose_session (started_at);

alter table case_purpose enable row level security;
alter table purpose_session enable row level security;
create policy case_purpose_organisation on case_purpose
  using (organisation_id = current_setting('app.organisation', true))
  with check (organisation_id = current_setting('app.organisation', true));
create policy purpose_session_organisation on purpose_session
  using (organisation_id = current_setting('app.organisation', true))
  with check (organisation_id = current_setting('app.organisation', true));
grant select, insert, update on case_purpose to jobunivers_app;
grant select, insert, update, delete on purpose_session to jobunivers_app;

-- Min Log words a chosen purpose in the reader's language.
alter table access_log drop constraint if exists access_log_purpose_code_check;
alter table access_log add constraint access_log_purpose_code_check
  check (purpose_code in ('stated', 'listing', 'local_offer_participants', 'message_thread', 'case_purpose'));

-- Removes purpose sessions older than the longest a sign-in lasts (the caller says how old); the number removed.
create function prune_purpose_sessions(p_before timestamptz)
returns int
language sql
security definer
set search_path = public
as $$
  with gone as (delete from purpose_session where started_at < p_before returning 1)
  select count(*)::int from gone
$$;
revoke all on function prune_purpose_sessions(timestamptz) from public;
grant execute on function prune_purpose_sessions(timestamptz) to jobunivers_app;
