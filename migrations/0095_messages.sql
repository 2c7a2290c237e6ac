-- messages: threads between a citizen and their jobcenter (issue 18). A citizen writes to "Jobcentret" — the
-- organisation responsible for them when the thread starts (their open responsibility period, else the kommune of
-- their municipality) — never to a named person. The thread stays with that organisation: its staff (app.organisation)
-- see and answer it as a team; one of them may be assigned. Attachments (PDF, PNG, JPEG, at most 10 MB, type told by
-- their bytes) are kept here as bytea: in the same transaction as their message (no file without its row, no row
-- without its file), under the same row-level security, in the same backups — and outside any web root.

-- A municipality's expected answer time (municipal_admin sets it): hours of weekdays (Monday–Friday); the default,
-- when a municipality has set none, is 48 (two working days). Not secret: anyone may read it.
create table message_settings (
  municipality_code   char(3) primary key references municipality (code),
  answer_within_hours integer not null check (answer_within_hours between 1 and 720),
  updated_by          text not null check (length(updated_by) between 1 and 255),
  updated_at          timestamptz not null default now()
);
alter table message_settings enable row level security;
create policy message_settings_read on message_settings for select using (true);
create policy message_settings_municipality on message_settings for insert
  with check (municipality_code = current_setting('app.municipality', true));
create policy message_settings_municipality_updates on message_settings for update
  using (municipality_code = current_setting('app.municipality', true))
  with check (municipality_code = current_setting('app.municipality', true));
revoke delete on message_settings from jobunivers_app;

create table message_thread (
  id                      uuid primary key default gen_random_uuid(),
  citizen_id              uuid not null references citizen (id) on delete cascade,
  -- The citizen's municipality when the thread started (the expected answer time is that municipality's).
  municipality_code       char(3) not null references municipality (code),
  organisation_id         text not null references organisation (id),
  subject                 text not null check (length(subject) between 1 and 200),
  status                  text not null default 'open' check (status in ('open', 'answered', 'closed')),
  -- The caseworker (staff_member's subject in organisation_id) who answers it; null: the team.
  assigned_subject        text check (length(assigned_subject) between 1 and 255),
  -- A question the knowledge base did not answer: { "question": …, "articles": [{ "id": …, "title": … }] }.
  from_question           jsonb,
  created_at              timestamptz not null default now(),
  last_message_at         timestamptz not null default now(),
  last_citizen_message_at timestamptz,
  last_staff_message_at   timestamptz,
  -- Read up to: the citizen; the organisation's team (one mark for all its staff).
  citizen_read_at         timestamptz,
  staff_read_at           timestamptz,
  -- When the jobcenter should have answered the citizen's last message (null while no answer is due).
  expected_answer_by      timestamptz,
  -- The team inbox's order, kept by PostgreSQL: 0 the team has not read the citizen's last message, 1 otherwise,
  -- 2 closed; within it the oldest last message first. Indexed with the organisation (and the assignee), so a page of
  -- the inbox is read off an index however many threads there are.
  inbox_rank              smallint generated always as (
                            case when coalesce(last_citizen_message_at > coalesce(staff_read_at, '-infinity'::timestamptz), false) then 0
                                 when status = 'closed' then 2 else 1 end) stored,
  unique (id, citizen_id, organisation_id)
);
create index message_thread_citizen on message_thread (citizen_id, last_message_at desc);
create index message_thread_inbox on message_thread (organisation_id, inbox_rank, last_message_at, id);
create index message_thread_inbox_assigned on message_thread (organisation_id, assigned_subject, inbox_rank, last_message_at, id);

create table message (
  id              uuid primary key default gen_random_uuid(),
  thread_id       uuid not null,
  citizen_id      uuid not null,
  organisation_id text not null,
  author          text not null check (author in ('citizen', 'staff')),
  author_subject  text not null check (length(author_subject) between 1 and 255),
  author_name     text not null check (length(author_name) between 1 and 200),
  body            text not null check (length(body) between 1 and 5000),
  created_at      timestamptz not null default now(),
  -- A message belongs to its thread's citizen and organisation, whatever a caller says.
  foreign key (thread_id, citizen_id, organisation_id) references message_thread (id, citizen_id, organisation_id) on delete cascade,
  unique (id, thread_id, citizen_id, organisation_id)
);
create index message_thread_created on message (thread_id, created_at);

create table message_attachment (
  id              uuid primary key default gen_random_uuid(),
  message_id      uuid not null,
  thread_id       uuid not null,
  citizen_id      uuid not null,
  organisation_id text not null,
  file_name       text not null check (length(file_name) between 1 and 200),
  content_type    text not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes      integer not null check (size_bytes between 1 and 10485760),
  content         bytea not null check (octet_length(content) = size_bytes),
  created_at      timestamptz not null default now(),
  foreign key (message_id, thread_id, citizen_id, organisation_id)
    references message (id, thread_id, citizen_id, organisation_id) on delete cascade
);
-- Stored as it came: the bytes are never compressed again (PDF, PNG and JPEG are compressed already).
alter table message_attachment alter column content set storage external;
create index message_attachment_message on message_attachment (message_id);

-- Row-level security: the citizen sees their own threads; staff those of the organisation they act for. The citizen
-- starts a thread only to the organisation responsible for them now.
alter table message_thread enable row level security;
alter table message enable row level security;
alter table message_attachment enable row level security;

-- Each setting is read once per statement (a scalar subquery, an InitPlan), not once per row, and compared with the
-- column's own type, so the policies cost a comparison per row and can use the indexes.
create policy message_thread_citizen_reads on message_thread for select
  using (citizen_id = (select nullif(current_setting('app.citizen', true), '')::uuid));
create policy message_thread_citizen_starts on message_thread for insert
  with check (
    citizen_id = (select nullif(current_setting('app.citizen', true), '')::uuid)
    and organisation_id = coalesce(
      (select r.organisation_id from citizen_responsibility r where r.citizen_id = message_thread.citizen_id and r.ends_on is null),
      'kommune-' || municipality_code)
    and municipality_code = (select c.municipality_code from citizen_identity c where c.id = message_thread.citizen_id)
  );
create policy message_thread_citizen_updates on message_thread for update
  using (citizen_id = (select nullif(current_setting('app.citizen', true), '')::uuid))
  with check (citizen_id = (select nullif(current_setting('app.citizen', true), '')::uuid));
create policy message_thread_staff on message_thread for select
  using (organisation_id = (select nullif(current_setting('app.organisation', true), '')));
create policy message_thread_staff_updates on message_thread for update
  using (organisation_id = (select nullif(current_setting('app.organisation', true), '')))
  with check (organisation_id = (select nullif(current_setting('app.organisation', true), '')));

create policy message_citizen_reads on message for select
  using (citizen_id = (select nullif(current_setting('app.citizen', true), '')::uuid));
create policy message_citizen_writes on message for insert
  with check (citizen_id = (select nullif(current_setting('app.citizen', true), '')::uuid) and author = 'citizen');
create policy message_staff_reads on message for select
  using (organisation_id = (select nullif(current_setting('app.organisation', true), '')));
create policy message_staff_writes on message for insert
  with check (organisation_id = (select nullif(current_setting('app.organisation', true), '')) and author = 'staff');

create policy message_attachment_citizen_reads on message_attachment for select
  using (citizen_id = (select nullif(current_setting('app.citizen', true), '')::uuid));
create policy message_attachment_citizen_writes on message_attachment for insert
  with check (citizen_id = (select nullif(current_setting('app.citizen', true), '')::uuid));
create policy message_attachment_staff_reads on message_attachment for select
  using (organisation_id = (select nullif(current_setting('app.organisation', true), '')));
create policy message_attachment_staff_writes on message_attachment for insert
  with check (organisation_id = (select nullif(current_setting('app.organisation', true), '')));

-- What was written stays written: messages and attachments are neither changed nor deleted by the app; a thread
-- changes only in its status, assignment, read marks and the times kept for the inbox.
revoke update, delete on message, message_attachment from jobunivers_app;
revoke update, delete on message_thread from jobunivers_app;
grant update (status, assigned_subject, last_message_at, last_citizen_message_at, last_staff_message_at, citizen_read_at, staff_read_at,
              expected_answer_by) on message_thread to jobunivers_app;

-- Published for the caseload (journey) and the citizen page: each thread's state without its content — whether the
-- team has read the citizen's last message, and when the last message was written.
create view message_thread_status with (security_invoker = true) as
select t.id as thread_id, t.citizen_id, t.organisation_id, t.status, t.assigned_subject, t.last_message_at,
       t.inbox_rank = 0 as unread_by_staff
from message_thread t;
revoke insert, update, delete on message_thread_status from jobunivers_app;
grant select on message_thread_status to jobunivers_app;

-- Min Log: a caseworker reading a citizen's thread is logged with a purpose the platform words ("message_thread").
alter table access_log drop constraint if exists access_log_purpose_code_check;
alter table access_log add constraint access_log_purpose_code_check
  check (purpose_code in ('stated', 'listing', 'local_offer_participants', 'message_thread'));
