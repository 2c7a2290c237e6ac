-- meetings (issue 18): the jobcenter publishes time slots (in person at a jobcenter address, by phone, or by video
-- with a link), each held by one of its caseworkers; a citizen books one of the organisation responsible for them (or
-- a caseworker books it for the citizen), moves it, cancels it; the caseworker records the outcome afterwards. The
-- meeting and its outcome are on the citizen's timeline. A slot is booked once: a unique index on the booked meetings
-- (meeting_slot_booked) decides between two bookings at the same time, whatever the application does.

create table meeting_slot (
  id                uuid primary key default gen_random_uuid(),
  -- The organisation that publishes the slot (a kommune's jobcenter: 'kommune-<code>') and its municipality.
  organisation_id   text not null references organisation (id),
  municipality_code char(3) not null references municipality (code),
  starts_at         timestamptz not null,
  duration_minutes  integer not null check (duration_minutes between 5 and 240),
  form              text not null check (form in ('in_person', 'phone', 'video')),
  -- In person: the jobcenter's address as the citizen reads it; by video: the link to the meeting.
  address           text check (length(address) between 3 and 300),
  video_url         text check (video_url ~ '^https://[^\s]+$' and length(video_url) <= 500),
  -- The caseworker who holds it (staff_member's subject in the organisation) and their name as shown.
  host_subject      text not null check (length(host_subject) between 1 and 500),
  host_name         text not null check (length(host_name) between 1 and 200),
  created_by_subject text not null check (length(created_by_subject) between 1 and 500),
  created_at        timestamptz not null default now(),
  check ((form = 'in_person') = (address is not null)),
  check ((form = 'video') = (video_url is not null)),
  -- A caseworker holds one slot at a time: a series made twice makes no second set.
  unique (organisation_id, host_subject, starts_at)
);
create index meeting_slot_organisation_starts on meeting_slot (organisation_id, starts_at);

create table meeting (
  id                 uuid primary key default gen_random_uuid(),
  slot_id            uuid not null references meeting_slot (id),
  citizen_id         uuid not null references citizen (id) on delete cascade,
  municipality_code  char(3) not null references municipality (code),
  -- The slot's organisation (kept here so row-level security needs no join) and its name as the citizen reads it.
  organisation_id    text not null check (length(organisation_id) between 1 and 100),
  organisation_name  text not null check (length(organisation_name) between 2 and 200),
  booked_by          text not null check (booked_by in ('citizen', 'staff')),
  booked_by_subject  text check (length(booked_by_subject) between 1 and 500),
  -- What the citizen wants to talk about (optional, short).
  topic              text check (length(topic) between 1 and 500),
  booked_at          timestamptz not null default now(),
  moved_at           timestamptz,
  cancelled_at       timestamptz,
  cancelled_by       text check (cancelled_by in ('citizen', 'staff')),
  outcome            text check (outcome in ('held', 'not_held')),
  outcome_note       text check (length(outcome_note) between 1 and 1000),
  outcome_at         timestamptz,
  outcome_by_subject text check (length(outcome_by_subject) between 1 and 500),
  check ((cancelled_at is null) = (cancelled_by is null)),
  check ((outcome is null) = (outcome_at is null)),
  check (outcome is null or cancelled_at is null)
);
-- The one rule that matters under concurrency: a slot has at most one meeting that is not cancelled. Cancelling frees
-- it; moving (an update of slot_id) takes the new slot under the same index, in the mover's transaction.
create unique index meeting_slot_booked on meeting (slot_id) where cancelled_at is null;
create index meeting_citizen_booked on meeting (citizen_id, booked_at desc);
create index meeting_citizen_cancelled on meeting (citizen_id, cancelled_at desc) where cancelled_at is not null;
create index meeting_citizen_outcome on meeting (citizen_id, outcome_at desc) where outcome_at is not null;
create index meeting_organisation on meeting (organisation_id, slot_id);

-- The organisation responsible for a citizen now (their open period, or their municipality's kommune), for the
-- citizen's own reads of the slots they may book.
create function meeting_citizen_organisation(p_citizen uuid) returns text
language sql stable security definer set search_path = public
as $$
  select coalesce(
    (select organisation_id from responsibility_period where citizen_id = p_citizen and ends_on is null),
    (select 'kommune-' || municipality_code from citizen where id = p_citizen))
$$;
-- Whether a slot has a meeting that is not cancelled (a citizen sees only their own meetings, so asks this).
create function meeting_slot_taken(p_slot uuid) returns boolean
language sql stable security definer set search_path = public
as $$ select exists (select 1 from meeting where slot_id = p_slot and cancelled_at is null) $$;
revoke all on function meeting_citizen_organisation(uuid) from public;
revoke all on function meeting_slot_taken(uuid) from public;
grant execute on function meeting_citizen_organisation(uuid) to jobunivers_app;
grant execute on function meeting_slot_taken(uuid) to jobunivers_app;

alter table meeting_slot enable row level security;
alter table meeting enable row level security;

-- Staff keep their organisation's slots; a citizen reads the slots of the organisation responsible for them now, and
-- the slots of their own meetings (also after a hand-over).
create policy meeting_slot_staff on meeting_slot
  using (organisation_id = nullif(current_setting('app.organisation', true), ''))
  with check (organisation_id = nullif(current_setting('app.organisation', true), ''));
create policy meeting_slot_citizen_reads on meeting_slot for select
  using ((select nullif(current_setting('app.citizen', true), '')) is not null
         and (organisation_id = (select meeting_citizen_organisation(nullif(current_setting('app.citizen', true), '')::uuid))
              or exists (select 1 from meeting m where m.slot_id = meeting_slot.id and m.citizen_id::text = current_setting('app.citizen', true))));
grant select, insert on meeting_slot to jobunivers_app;
revoke update, delete on meeting_slot from jobunivers_app;

-- The citizen reads their meetings, books a slot they can see (of the organisation responsible for them), moves and
-- cancels their own. Staff read and change the meetings on their organisation's slots, and book for a citizen their
-- organisation is responsible for now.
create policy meeting_citizen_reads on meeting for select
  using (citizen_id::text = current_setting('app.citizen', true));
create policy meeting_citizen_books on meeting for insert
  with check (citizen_id::text = current_setting('app.citizen', true) and booked_by = 'citizen'
              and exists (select 1 from meeting_slot s where s.id = slot_id and s.organisation_id = meeting.organisation_id));
create policy meeting_citizen_changes on meeting for update
  using (citizen_id::text = current_setting('app.citizen', true))
  with check (citizen_id::text = current_setting('app.citizen', true)
              and exists (select 1 from meeting_slot s where s.id = slot_id and s.organisation_id = meeting.organisation_id));
create policy meeting_staff_reads on meeting for select
  using (organisation_id = nullif(current_setting('app.organisation', true), ''));
create policy meeting_staff_books on meeting for insert
  with check (organisation_id = nullif(current_setting('app.organisation', true), '') and booked_by = 'staff'
              and organisation_serves_citizen(citizen_id, municipality_code)
              and exists (select 1 from meeting_slot s where s.id = slot_id));
create policy meeting_staff_changes on meeting for update
  using (organisation_id = nullif(current_setting('app.organisation', true), ''))
  with check (organisation_id = nullif(current_setting('app.organisation', true), '')
              and exists (select 1 from meeting_slot s where s.id = slot_id));
grant select, insert, update on meeting to jobunivers_app;
revoke delete on meeting from jobunivers_app;

-- The meetings of tomorrow (a window the caller gives) to remind, for the reminder job, which acts for no tenant:
-- ids and what the reminder needs, nothing else.
create function meeting_reminders_due(p_from timestamptz, p_to timestamptz)
returns table (meeting_id uuid, citizen_id uuid, starts_at timestamptz)
language sql stable security definer set search_path = public
as $$
  select m.id, m.citizen_id, s.starts_at
    from meeting m join meeting_slot s on s.id = m.slot_id
   where m.cancelled_at is null and s.starts_at >= p_from and s.starts_at < p_to
   order by s.starts_at, m.id
$$;
revoke all on function meeting_reminders_due(timestamptz, timestamptz) from public;
grant execute on function meeting_reminders_due(timestamptz, timestamptz) to jobunivers_app;

-- The citizen's timeline is kept rendered per process and forgotten on citizenChanged (0076): a meeting booked, moved,
-- cancelled or given its outcome announces it, whoever writes.
create trigger meeting_citizens_inserted after insert on meeting
  referencing new table as new_rows for each statement execute function announce_citizens_changed();
create trigger meeting_citizens_updated after update on meeting
  referencing old table as old_rows new table as new_rows for each statement execute function announce_citizens_changed();

-- Published for the timeline: when the meeting is, its form, with whom and what became of it — without the citizen's
-- topic or the caseworker's note.
create view meeting_entry with (security_invoker = true) as
select m.id, m.citizen_id, m.municipality_code, m.organisation_name, s.starts_at, s.duration_minutes, s.form, m.booked_at,
       m.moved_at, m.cancelled_at, m.cancelled_by, m.outcome, m.outcome_at
from meeting m
join meeting_slot s on s.id = m.slot_id;
revoke insert, update, delete on meeting_entry from jobunivers_app;
grant select on meeting_entry to jobunivers_app;

-- Published for the caseload ("upcoming meetings"): a citizen's booked meetings still to come.
create view meeting_upcoming with (security_invoker = true) as
select m.id, m.citizen_id, m.organisation_id, s.starts_at
from meeting m
join meeting_slot s on s.id = m.slot_id
where m.cancelled_at is null and s.starts_at > now();
revoke insert, update, delete on meeting_upcoming from jobunivers_app;
grant select on meeting_upcoming to jobunivers_app;

-- timeline: 0092's timeline_page with the meetings as three more sources of the category 'meeting' ("booked" at
-- booked_at, "cancelled" at cancelled_at, "outcome" at outcome_at). Everything else is as it was: the statement's plan
-- is kept per connection (plpgsql, a generic plan), a source the filter leaves out is skipped at run time, the cursor
-- is a plpgsql variable so that its cut is an index condition under row-level security, and security invoker lets the
-- caller's row-level security decide what is seen. timeline_services is unchanged: a meeting names no service.
create or replace function timeline_page(p_citizen uuid, p_category text, p_listing uuid, p_after_at timestamptz, p_after_key text, p_limit int)
returns table (
  key text, at timestamptz, at_key text, category text, kind text, event_type text, listing_id uuid, listing_name_da text,
  listing_name_en text, title_da text, title_en text, data jsonb, joblog_status text, joblog_registered_at timestamptz
)
language plpgsql stable
set search_path = public
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
declare
  -- A variable is a parameter of the kept plan, and so an index condition under row-level security (a coalesce() in the
  -- statement would not be: it counts as leaky, so it would be checked only after the policies, on every row read).
  v_before timestamptz := coalesce(p_after_at, 'infinity');
begin
  return query
    select t.key::text, t.at::timestamptz, to_char(t.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')::text, t.category::text,
           t.kind::text, t.event_type::text, t.listing_id::uuid, ln.name_da::text, ll.name_en::text, t.title_da::text,
           (case when t.category = 'plan' then coalesce(ll.name_en, t.title_en) else t.title_en end)::text,
           t.data::jsonb, t.joblog_status::text, t.joblog_registered_at::timestamptz
      from (select * from (
              (select 'event:' || e.id as key, e.occurred_at as at,
                      case when e.type in ('dk.jobunivers.activity.application-sent', 'dk.jobunivers.activity.meeting-held')
                           then 'job-search' else 'service' end as category,
                      'event' as kind, e.type as event_type, e.listing_id, null::text as title_da, null::text as title_en, e.data,
                      j.status as joblog_status, j.registered_at as joblog_registered_at
                 from (select e.id, e.occurred_at, e.type, e.listing_id, e.data
                         from activity_event_entry e
                        where (p_category is null or p_category in ('service', 'job-search'))
                          and e.citizen_id = p_citizen
                          and (p_category is null
                               or (p_category = 'job-search') = (e.type in ('dk.jobunivers.activity.application-sent', 'dk.jobunivers.activity.meeting-held')))
                          and (p_listing is null or e.listing_id = p_listing)
                          and e.occurred_at <= v_before
                          and (p_after_at is null or (e.occurred_at, 'event:' || e.id) < (p_after_at, p_after_key))
                        order by e.occurred_at desc, 'event:' || e.id desc
                        limit p_limit) e
                 left join joblog_entry j on j.event_id = e.id)
              union all
              (select 'plan-created:' || p.id, p.created_at, 'plan', 'plan-created', null::text, p.listing_id, p.title, o.title_en,
                      jsonb_build_object('source', p.source, 'status', p.status), null::text, null::timestamptz
                 from citizen_plan p
                 left join municipality_offer_local_offer o on o.id = p.local_offer_id
                where (p_category is null or p_category = 'plan')
                  and p.citizen_id = p_citizen
                  and (p_listing is null or p.listing_id = p_listing)
                  and p.created_at <= v_before
                  and (p_after_at is null or (p.created_at, 'plan-created:' || p.id) < (p_after_at, p_after_key))
                order by 2 desc, 1 desc
                limit p_limit)
              union all
              (select 'plan-changed:' || p.id, p.updated_at, 'plan', 'plan-changed', null::text, p.listing_id, p.title, o.title_en,
                      jsonb_build_object('source', p.source, 'status', p.status), null::text, null::timestamptz
                 from citizen_plan p
                 left join municipality_offer_local_offer o on o.id = p.local_offer_id
                where (p_category is null or p_category = 'plan')
                  and p.citizen_id = p_citizen
                  and p.updated_at > p.created_at
                  and (p_listing is null or p.listing_id = p_listing)
                  and p.updated_at <= v_before
                  and (p_after_at is null or (p.updated_at, 'plan-changed:' || p.id) < (p_after_at, p_after_key))
                order by 2 desc, 1 desc
                limit p_limit)
              -- The sources below name no service: a filter by service leaves them out.
              union all
              (select 'sign-up:' || s.offer_id, s.signed_up_at, 'local-offer', 'sign-up', null::text, null::uuid, o.title_da, o.title_en,
                      jsonb_build_object('offerId', s.offer_id), null::text, null::timestamptz
                 from municipality_offer_sign_up s
                 join municipality_offer_local_offer o on o.id = s.offer_id
                where (p_category is null or p_category = 'local-offer') and p_listing is null
                  and s.citizen_id = p_citizen and s.signed_up_at is not null
                  and s.signed_up_at <= v_before
                  and (p_after_at is null or (s.signed_up_at, 'sign-up:' || s.offer_id) < (p_after_at, p_after_key))
                order by 2 desc, 1 desc
                limit p_limit)
              union all
              (select 'sign-up-cancelled:' || s.offer_id, s.cancelled_at, 'local-offer', 'sign-up-cancelled', null::text, null::uuid, o.title_da,
                      o.title_en, jsonb_build_object('offerId', s.offer_id), null::text, null::timestamptz
                 from municipality_offer_sign_up s
                 join municipality_offer_local_offer o on o.id = s.offer_id
                where (p_category is null or p_category = 'local-offer') and p_listing is null
                  and s.citizen_id = p_citizen and s.cancelled_at is not null
                  and s.cancelled_at <= v_before
                  and (p_after_at is null or (s.cancelled_at, 'sign-up-cancelled:' || s.offer_id) < (p_after_at, p_after_key))
                order by 2 desc, 1 desc
                limit p_limit)
              union all
              (select 'screening:' || c.citizen_id, c.screened_at, 'screening', 'screening', null::text, null::uuid, null::text, null::text,
                      '{}'::jsonb, null::text, null::timestamptz
                 from citizen_screening c
                where (p_category is null or p_category = 'screening') and p_listing is null
                  and c.citizen_id = p_citizen and c.screened_at is not null
                  and c.screened_at <= v_before
                  and (p_after_at is null or (c.screened_at, 'screening:' || c.citizen_id) < (p_after_at, p_after_key)))
              union all
              (select 'joblog:' || j.id, j.created_at, 'job-search', 'joblog', null::text, null::uuid, null::text, null::text,
                      jsonb_build_object('kind', j.kind, 'jobTitle', j.job_title, 'employer', j.employer, 'on', j.activity_on::text),
                      j.status, j.registered_at
                 from joblog_entry j
                where (p_category is null or p_category = 'job-search') and p_listing is null
                  and j.citizen_id = p_citizen and j.source = 'manual'
                  and j.created_at <= v_before
                  and (p_after_at is null or (j.created_at, 'joblog:' || j.id) < (p_after_at, p_after_key))
                order by 2 desc, 1 desc
                limit p_limit)
              union all
              (select 'job-suggested:' || g.id, g.created_at, 'job-search', 'job-suggested', null::text, null::uuid, g.title, null::text,
                      jsonb_build_object('adId', g.ad_id, 'employer', g.employer_name, 'organisation', g.organisation_name), null::text,
                      null::timestamptz
                 from job_suggestion_entry g
                where (p_category is null or p_category = 'job-search') and p_listing is null
                  and g.citizen_id = p_citizen
                  and g.created_at <= v_before
                  and (p_after_at is null or (g.created_at, 'job-suggested:' || g.id) < (p_after_at, p_after_key))
                order by 2 desc, 1 desc
                limit p_limit)
              union all
              (select 'job-suggestion-answered:' || g.id, g.answered_at, 'job-search', 'job-suggestion-answered', null::text, null::uuid, g.title,
                      null::text, jsonb_build_object('adId', g.ad_id, 'employer', g.employer_name, 'answer', g.answer, 'applyBy', g.apply_by::text),
                      null::text, null::timestamptz
                 from job_suggestion_entry g
                where (p_category is null or p_category = 'job-search') and p_listing is null
                  and g.citizen_id = p_citizen and g.answered_at is not null
                  and g.answered_at <= v_before
                  and (p_after_at is null or (g.answered_at, 'job-suggestion-answered:' || g.id) < (p_after_at, p_after_key))
                order by 2 desc, 1 desc
                limit p_limit)
              union all
              (select 'meeting-booked:' || m.id, m.booked_at, 'meeting', 'meeting-booked', null::text, null::uuid, null::text, null::text,
                      jsonb_build_object('organisation', m.organisation_name, 'startsAt', m.starts_at, 'form', m.form), null::text,
                      null::timestamptz
                 from meeting_entry m
                where (p_category is null or p_category = 'meeting') and p_listing is null
                  and m.citizen_id = p_citizen
                  and m.booked_at <= v_before
                  and (p_after_at is null or (m.booked_at, 'meeting-booked:' || m.id) < (p_after_at, p_after_key))
                order by 2 desc, 1 desc
                limit p_limit)
              union all
              (select 'meeting-cancelled:' || m.id, m.cancelled_at, 'meeting', 'meeting-cancelled', null::text, null::uuid, null::text, null::text,
                      jsonb_build_object('organisation', m.organisation_name, 'startsAt', m.starts_at, 'form', m.form, 'by', m.cancelled_by),
                      null::text, null::timestamptz
                 from meeting_entry m
                where (p_category is null or p_category = 'meeting') and p_listing is null
                  and m.citizen_id = p_citizen and m.cancelled_at is not null
                  and m.cancelled_at <= v_before
                  and (p_after_at is null or (m.cancelled_at, 'meeting-cancelled:' || m.id) < (p_after_at, p_after_key))
                order by 2 desc, 1 desc
                limit p_limit)
              union all
              (select 'meeting-outcome:' || m.id, m.outcome_at, 'meeting', 'meeting-outcome', null::text, null::uuid, null::text, null::text,
                      jsonb_build_object('organisation', m.organisation_name, 'startsAt', m.starts_at, 'form', m.form, 'outcome', m.outcome),
                      null::text, null::timestamptz
                 from meeting_entry m
                where (p_category is null or p_category = 'meeting') and p_listing is null
                  and m.citizen_id = p_citizen and m.outcome_at is not null
                  and m.outcome_at <= v_before
                  and (p_after_at is null or (m.outcome_at, 'meeting-outcome:' || m.id) < (p_after_at, p_after_key))
                order by 2 desc, 1 desc
                limit p_limit)
            ) u
            order by u.at desc, u.key desc
            limit p_limit) t
      left join listing_name ln on ln.listing_id = t.listing_id
      left join listing_live ll on ll.listing_id = t.listing_id
     order by t.at desc, t.key desc;
end
$$;
