-- notifications: one notification centre for citizens and staff (issue 18). A notification is written by any module
-- through notify_create (SECURITY DEFINER: the caller may act for a citizen, an organisation or a municipality); it
-- carries a kind, a link and parameters for the kind's text, never the content it is about. E-mail and SMS follow as
-- one delivery row per (notification, channel), sent by a job that reads the person's preferences at delivery time, so
-- nothing is sent twice and a preference switched off sends nothing (the row is then 'skipped').

-- Who a notification is for: a citizen; a staff person (organisation + subject); or an organisation's team (every
-- caseworker of it sees it in their centre, in the app only).
create table notification (
  id               uuid primary key default gen_random_uuid(),
  recipient        text not null check (recipient in ('citizen', 'staff', 'team')),
  citizen_id       uuid references citizen (id) on delete cascade,
  organisation_id  text references organisation (id) on delete cascade,
  staff_subject    text check (length(staff_subject) between 1 and 300),
  kind             text not null check (kind in ('message', 'answer', 'meeting', 'meeting-reminder', 'suggestion', 'recommendation', 'job-agent')),
  -- A path on the platform (never another site): the notification centre opens it.
  link             text not null check (link ~ '^/[^/\\]' or link = '/') check (length(link) <= 500),
  -- Fill the kind's text ({ count: 3 }, { when: '…' }): numbers and short strings, no content.
  params           jsonb not null default '{}' check (jsonb_typeof(params) = 'object'),
  dedupe_key       text unique check (length(dedupe_key) between 1 and 300),
  created_at       timestamptz not null default date_trunc('milliseconds', now()),
  -- A citizen's or a staff person's own notification; a team's is read per person (notification_team_read).
  read_at          timestamptz,
  check (
    (recipient = 'citizen' and citizen_id is not null and organisation_id is null and staff_subject is null)
    or (recipient = 'staff' and citizen_id is null and organisation_id is not null and staff_subject is not null)
    or (recipient = 'team' and citizen_id is null and organisation_id is not null and staff_subject is null)
  )
);
-- The centre's pages (newest first) and its unread counts.
create index notification_citizen on notification (citizen_id, created_at desc, id desc) where recipient = 'citizen';
create index notification_citizen_unread on notification (citizen_id) where recipient = 'citizen' and read_at is null;
create index notification_staff on notification (organisation_id, staff_subject, created_at desc, id desc) where recipient = 'staff';
create index notification_staff_unread on notification (organisation_id, staff_subject) where recipient = 'staff' and read_at is null;
create index notification_team on notification (organisation_id, created_at desc, id desc) where recipient = 'team';

-- Which team notifications a staff person has read.
create table notification_team_read (
  notification_id  uuid not null references notification (id) on delete cascade,
  organisation_id  text not null references organisation (id) on delete cascade,
  staff_subject    text not null,
  read_at          timestamptz not null default now(),
  primary key (notification_id, staff_subject)
);
create index notification_team_read_person on notification_team_read (organisation_id, staff_subject);

-- A person's choices: an e-mail address, a Danish mobile number, the language of what is sent, and per channel the
-- kinds it carries (null: the defaults, see notifications.service.ts). The app channel is always on.
create table notification_preference (
  id                 uuid primary key default gen_random_uuid(),
  citizen_id         uuid unique references citizen (id) on delete cascade,
  organisation_id    text references organisation (id) on delete cascade,
  staff_subject      text check (length(staff_subject) between 1 and 300),
  email              text check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(email) <= 254),
  phone              text check (phone ~ '^\+45[0-9]{8}$'),
  language           text not null default 'da' check (language in ('da', 'en')),
  email_kinds        text[],
  sms_kinds          text[],
  -- The secret of every unsubscribe link (one per kind: <kind>.<secret>); it alone switches a kind's e-mail off.
  unsubscribe_secret text not null unique default replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
  updated_at         timestamptz not null default now(),
  unique (organisation_id, staff_subject),
  check ((citizen_id is not null and organisation_id is null and staff_subject is null)
      or (citizen_id is null and organisation_id is not null and staff_subject is not null))
);

-- One row per (notification, channel) to send: claimed ('sending') before the send, 'sent' after, 'failed' to be
-- tried again later (at most 8 attempts), 'skipped' when the preference or address said no at delivery time.
create table notification_delivery (
  notification_id  uuid not null references notification (id) on delete cascade,
  channel          text not null check (channel in ('email', 'sms')),
  citizen_id       uuid references citizen (id) on delete cascade,
  organisation_id  text references organisation (id) on delete cascade,
  status           text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'skipped')),
  attempts         int not null default 0,
  next_attempt_at  timestamptz not null default now(),
  claimed_at       timestamptz,
  sent_at          timestamptz,
  -- Where it went (the address or number at delivery time), or why it was skipped / the last error.
  sent_to          text,
  detail           text check (length(detail) <= 500),
  created_at       timestamptz not null default now(),
  primary key (notification_id, channel),
  check (citizen_id is not null or organisation_id is not null)
);
create index notification_delivery_due on notification_delivery (next_attempt_at) where status in ('pending', 'failed', 'sending');

alter table notification enable row level security;
alter table notification_team_read enable row level security;
alter table notification_preference enable row level security;
alter table notification_delivery enable row level security;
-- A citizen sees their own (app.citizen); staff their organisation's (app.organisation): a staff person's own and the
-- team's. Which person's own the repository selects by subject (the transaction's scope knows the organisation only).
create policy notification_owner on notification
  using (citizen_id::text = current_setting('app.citizen', true) or organisation_id = current_setting('app.organisation', true))
  with check (citizen_id::text = current_setting('app.citizen', true) or organisation_id = current_setting('app.organisation', true));
create policy notification_team_read_owner on notification_team_read
  using (organisation_id = current_setting('app.organisation', true))
  with check (organisation_id = current_setting('app.organisation', true));
create policy notification_preference_owner on notification_preference
  using (citizen_id::text = current_setting('app.citizen', true) or organisation_id = current_setting('app.organisation', true))
  with check (citizen_id::text = current_setting('app.citizen', true) or organisation_id = current_setting('app.organisation', true));
create policy notification_delivery_owner on notification_delivery
  using (citizen_id::text = current_setting('app.citizen', true) or organisation_id = current_setting('app.organisation', true))
  with check (citizen_id::text = current_setting('app.citizen', true) or organisation_id = current_setting('app.organisation', true));
-- Notifications are written only through notify_create; the owner marks them read.
grant select, update (read_at) on notification to jobunivers_app;
grant select, insert, delete on notification_team_read to jobunivers_app;
grant select, insert, update on notification_preference to jobunivers_app;
grant select, update (status, attempts, next_attempt_at, claimed_at, sent_at, sent_to, detail) on notification_delivery to jobunivers_app;

-- Records one notification (and its e-mail/SMS deliveries for a citizen or a staff person); nothing when the dedupe
-- key was used before. Any tenant scope may call it: a caseworker's reply notifies the citizen, a citizen's message
-- the organisation's team. Answers the new notification's id, or null when it was a duplicate.
create function notify_create(p_recipient text, p_citizen uuid, p_organisation text, p_subject text, p_kind text,
                              p_link text, p_params jsonb, p_dedupe_key text, p_channels text[])
returns uuid
language plpgsql
security definer
set search_path = public
as $$
declare
  v_id uuid;
begin
  insert into notification (recipient, citizen_id, organisation_id, staff_subject, kind, link, params, dedupe_key)
  values (p_recipient, p_citizen, p_organisation, p_subject, p_kind, p_link, coalesce(p_params, '{}'), p_dedupe_key)
  on conflict (dedupe_key) do nothing
  returning id into v_id;
  if v_id is null or p_recipient = 'team' then
    return v_id;
  end if;
  insert into notification_delivery (notification_id, channel, citizen_id, organisation_id)
  select v_id, c, p_citizen, p_organisation
    from unnest(p_channels) c
   where c in ('email', 'sms');
  return v_id;
end
$$;

-- Deliveries to send now, oldest first, and whose they are: the job then acts as each citizen or organisation. A
-- 'sending' row claimed more than 15 minutes ago belongs to a run that died mid-send and is tried again.
create function due_notification_deliveries(p_limit int)
returns table (notification_id uuid, channel text, citizen_id uuid, organisation_id text)
language sql
stable
security definer
set search_path = public
as $$
  select d.notification_id, d.channel, d.citizen_id, d.organisation_id
    from notification_delivery d
   where d.attempts < 8
     and ((d.status in ('pending', 'failed') and d.next_attempt_at <= now())
       or (d.status = 'sending' and d.claimed_at < now() - interval '15 minutes'))
   order by d.next_attempt_at
   limit p_limit
$$;

-- The unsubscribe link (no sign-in: the secret is the key). The preference whose secret this is: whose, the language,
-- and its e-mail kinds (null: the defaults).
create function notification_preference_by_secret(p_secret text)
returns table (id uuid, language text, email_kinds text[], has_email boolean)
language sql
stable
security definer
set search_path = public
as $$
  select p.id, p.language, p.email_kinds, p.email is not null from notification_preference p where p.unsubscribe_secret = p_secret
$$;

-- Switches the e-mail kinds of the preference with this secret to p_email_kinds (the service removes one kind).
create function notification_unsubscribe_by_secret(p_secret text, p_email_kinds text[])
returns boolean
language sql
security definer
set search_path = public
as $$
  update notification_preference set email_kinds = p_email_kinds, updated_at = now()
   where unsubscribe_secret = p_secret
  returning true
$$;

revoke all on function notify_create(text, uuid, text, text, text, text, jsonb, text, text[]) from public;
revoke all on function due_notification_deliveries(int) from public;
revoke all on function notification_preference_by_secret(text) from public;
revoke all on function notification_unsubscribe_by_secret(text, text[]) from public;
grant execute on function notify_create(text, uuid, text, text, text, text, jsonb, text, text[]) to jobunivers_app;
grant execute on function due_notification_deliveries(int) to jobunivers_app;
grant execute on function notification_preference_by_secret(text) to jobunivers_app;
grant execute on function notification_unsubscribe_by_secret(text, text[]) to jobunivers_app;

-- The SMS simulator outside production (no SMS_URL): the texts the platform sent, shown at /udvikling/sms. Like dev_mail
-- it holds the development machine's, the demo's and the tests' synthetic texts only: no row-level security.
create table dev_sms (
  id        uuid primary key default gen_random_uuid(),
  sent_at   timestamptz not null default date_trunc('milliseconds', now()),
  sent_to   text not null,
  text      text not null
);
create index dev_sms_sent on dev_sms (sent_at desc, id desc);
revoke all on dev_sms from jobunivers_app;
grant select, insert, delete on dev_sms to jobunivers_app;
