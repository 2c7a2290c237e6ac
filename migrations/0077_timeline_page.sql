-- timeline: the citizen's timeline page (issue 15) as functions whose plans PostgreSQL keeps per connection. The page's
-- statement reads eight sources through published views (each expanded, with its row-level security, on every parse)
-- and the services' names: parsing, rewriting and planning it cost some 4 ms of database time per page against well
-- under 1 ms to run it, so an uncached page was mostly planning. PL/pgSQL keeps a statement's plan for the session;
-- with a generic plan (plan_cache_mode) it is planned once per connection, whatever the citizen, cursor or filter.
-- The filters are parameters: a source the filter leaves out is a one-time filter that skips it, the cursor's cut is an
-- index condition (`at <= v_before`), so each source still reads a page's worth through its index.
-- security invoker (the default): the caller's row-level security decides what is seen, as it did for the statement.

create function timeline_page(p_citizen uuid, p_category text, p_listing uuid, p_after_at timestamptz, p_after_key text, p_limit int)
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
            ) u
            order by u.at desc, u.key desc
            limit p_limit) t
      left join listing_name ln on ln.listing_id = t.listing_id
      left join listing_live ll on ll.listing_id = t.listing_id
     order by t.at desc, t.key desc;
end
$$;

-- The services (listings) on the citizen's timeline, for its filter: the events' listings by skipping through the index
-- on (citizen, listing) (0073), one probe per service, and the plan's; kept planned as timeline_page is.
create function timeline_services(p_citizen uuid)
returns table (listing_id uuid, name_da text, name_en text)
language plpgsql stable
set search_path = public
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
    with recursive seen(listing_id) as (
      (select e.listing_id from activity_event_entry e where e.citizen_id = p_citizen order by e.listing_id limit 1)
      union all
      select (select e.listing_id from activity_event_entry e
               where e.citizen_id = p_citizen and e.listing_id > s.listing_id order by e.listing_id limit 1)
        from seen s where s.listing_id is not null
    )
    select x.listing_id::uuid, coalesce(ln.name_da, '')::text, ll.name_en::text
      from (select seen.listing_id from seen where seen.listing_id is not null
            union
            select p.listing_id from citizen_plan p where p.citizen_id = p_citizen and p.listing_id is not null) x
      left join listing_name ln on ln.listing_id = x.listing_id
      left join listing_live ll on ll.listing_id = x.listing_id
     order by 2, 1;
end
$$;

revoke all on function timeline_page(uuid, text, uuid, timestamptz, text, int) from public;
revoke all on function timeline_services(uuid) from public;
grant execute on function timeline_page(uuid, text, uuid, timestamptz, text, int) to jobunivers_app;
grant execute on function timeline_services(uuid) to jobunivers_app;
