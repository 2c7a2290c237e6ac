-- jobs: job suggestions (jobforslag, issue 17). A caseworker of the organisation responsible for a citizen sends them a
-- specific ad with a note; the citizen answers (applied, not relevant with a reason, will apply by a date) and may change
-- the answer; the caseworker sees the answers. The ad is kept as it was when suggested (ads expire, suggestions stay).
-- One ad is suggested to a citizen once (unique (citizen_id, ad_id)). Each suggestion is on the citizen's timeline:
-- "suggested" at created_at and "answered" at answered_at, in the category 'job-search'.

create table job_suggestion (
  id                   uuid primary key default gen_random_uuid(),
  citizen_id           uuid not null references citizen (id) on delete cascade,
  municipality_code    char(3) not null references municipality (code),
  -- Who sent it: the organisation the caseworker acted for (app.organisation), its name as the citizen reads it, and
  -- the caseworker (subject and name as shown), so the suggestion still says who sent it after a hand-over. No foreign
  -- key on the organisation: like plan_activity's created_by_organisation, it records who acted, whatever becomes of it.
  organisation_id      text not null check (length(organisation_id) between 1 and 100),
  organisation_name    text not null check (length(organisation_name) between 2 and 200),
  sent_by_subject      text not null check (length(sent_by_subject) between 1 and 500),
  sent_by              text not null check (length(sent_by) between 1 and 200),
  -- The ad (job_ad.ad_id) and what it said when it was suggested.
  ad_id                text not null check (length(ad_id) between 1 and 64),
  title                text not null,
  employer_name        text not null,
  town                 text not null,
  deadline             date not null,
  url                  text not null,
  note                 text check (length(note) between 1 and 1000),
  created_at           timestamptz not null default now(),
  -- The citizen's answer: only these four columns are theirs to change.
  answer               text check (answer in ('applied', 'not_relevant', 'will_apply')),
  answer_reason        text check (length(answer_reason) between 1 and 500),
  apply_by             date,
  answered_at          timestamptz,
  unique (citizen_id, ad_id),
  check ((answer is null) = (answered_at is null)),
  check ((answer is not distinct from 'not_relevant') = (answer_reason is not null)),
  check ((answer is not distinct from 'will_apply') = (apply_by is not null))
);
-- The citizen's list and the timeline's two sources (each cut at the cursor through its own index).
create index job_suggestion_citizen_created on job_suggestion (citizen_id, created_at desc);
create index job_suggestion_citizen_answered on job_suggestion (citizen_id, answered_at desc) where answered_at is not null;

alter table job_suggestion enable row level security;
-- The citizen reads their own suggestions and answers them; they make none and delete none.
create policy job_suggestion_citizen_reads on job_suggestion for select
  using (citizen_id::text = current_setting('app.citizen', true));
create policy job_suggestion_citizen_answers on job_suggestion for update
  using (citizen_id::text = current_setting('app.citizen', true))
  with check (citizen_id::text = current_setting('app.citizen', true));
-- Staff send for the organisation they act for, to a citizen it is responsible for now; they read the suggestions of
-- the citizens it is responsible for now, and what it sent itself (also after a hand-over). Asking first whether an
-- organisation is set at all keeps the functions out of a citizen's own reads (as 0078 does).
create policy job_suggestion_staff_inserts on job_suggestion for insert
  with check (organisation_id = nullif(current_setting('app.organisation', true), '') and organisation_serves_citizen(citizen_id, municipality_code));
create policy job_suggestion_staff_reads on job_suggestion for select
  using ((select nullif(current_setting('app.organisation', true), '')) is not null
         and (organisation_id = current_setting('app.organisation', true) or organisation_serves_citizen(citizen_id, municipality_code)));
-- Only the answer can change (and only by the citizen, per the policies): the suggestion itself is history.
revoke update, delete on job_suggestion from jobunivers_app;
grant update (answer, answer_reason, apply_by, answered_at) on job_suggestion to jobunivers_app;

-- The citizen's timeline is kept rendered per process and forgotten on citizenChanged (0076, 0081): a suggestion sent
-- or answered announces it, whoever writes.
create trigger job_suggestion_citizens_inserted after insert on job_suggestion
  referencing new table as new_rows for each statement execute function announce_citizens_changed();
create trigger job_suggestion_citizens_updated after update on job_suggestion
  referencing old table as old_rows new table as new_rows for each statement execute function announce_citizens_changed();
create trigger job_suggestion_citizens_deleted after delete on job_suggestion
  referencing old table as old_rows for each statement execute function announce_citizens_changed();

-- Published for the timeline: what was suggested, by whom, and the answer — without the note, the reason or the
-- caseworker's subject.
create view job_suggestion_entry with (security_invoker = true) as
select s.id, s.citizen_id, s.municipality_code, s.organisation_name, s.ad_id, s.title, s.employer_name, s.created_at, s.answer,
       s.apply_by, s.answered_at
from job_suggestion s;
revoke insert, update, delete on job_suggestion_entry from jobunivers_app;
grant select on job_suggestion_entry to jobunivers_app;

-- timeline: 0077's timeline_page with the job suggestions as two more sources of the category 'job-search' ("suggested"
-- at created_at, "answered" at answered_at). Everything else is as it was: the statement's plan is kept per connection
-- (plpgsql, a generic plan), a source the filter leaves out is skipped at run time, the cursor is a plpgsql variable so
-- that its cut is an index condition under row-level security, and security invoker lets the caller's row-level
-- security decide what is seen. timeline_services is unchanged: a suggestion names no service.
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
            ) u
            order by u.at desc, u.key desc
            limit p_limit) t
      left join listing_name ln on ln.listing_id = t.listing_id
      left join listing_live ll on ll.listing_id = t.listing_id
     order by t.at desc, t.key desc;
end
$$;
