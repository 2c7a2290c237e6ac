-- marketplace: what citizens were shown and opened, and what they searched for (issue 16: the funnel's "shown → opened"
-- and the demand signals "searches without results" and "most-searched words").
--
-- One row per page a citizen saw: the marketplace's list (the listings on that page, and the search's words and hit
-- count on its first page) or a service's own page (that one listing). No citizen id is kept: the row carries the
-- municipality and the citizen's target group and journey stage as they were, which is all the statistics need, so a
-- citizen's browsing and searching is not a trail back to them. Written only through record_marketplace_view below;
-- read only by the statistics' rollup (statistics_refresh_days), which runs as the owner.
create table marketplace_view (
  id                bigint generated always as identity primary key,
  occurred_at       timestamptz not null default now(),
  municipality_code char(3) not null references municipality (code),
  target_group      text not null,
  journey_stage     text not null,
  page              text not null check (page in ('list', 'listing')),
  listing_ids       uuid[] not null,
  -- The search's words (lower case, at most 8 of at most 40 characters) and how many items it found. A word with a
  -- digit is never kept (the app drops them): a CPR or phone number typed into the search box is not stored.
  search_terms      text[] check (search_terms is null or (cardinality(search_terms) between 1 and 8
                                  and array_to_string(search_terms, ' ') !~ '[0-9]')),
  results           int check (results is null or results >= 0),
  check ((search_terms is null) = (results is null)),
  check (page = 'list' or cardinality(listing_ids) = 1)
);
-- Appended in time order: a block-range index narrows the rollup's scans for next to nothing on the insert path.
create index marketplace_view_occurred_brin on marketplace_view using brin (occurred_at);

alter table marketplace_view enable row level security;
revoke all on marketplace_view from jobunivers_app;

-- Records one page seen by the citizen, with their municipality, target group and stage looked up here (so the app
-- cannot put a view in another municipality). Runs as the owner: the app role has no privilege on the table itself.
create function record_marketplace_view(p_citizen uuid, p_page text, p_listings uuid[], p_terms text[] default null, p_results int default null)
returns void
language sql
security definer
set search_path = public
as $$
  insert into marketplace_view (municipality_code, target_group, journey_stage, page, listing_ids, search_terms, results)
  select c.municipality_code, coalesce(p.target_group, 'unknown'), coalesce(p.journey_stage, 'unknown'), p_page,
         coalesce(p_listings, '{}'), p_terms, case when p_terms is null then null else p_results end
    from citizen c left join citizen_profile p on p.citizen_id = c.id
   where c.id = p_citizen;
$$;
revoke all on function record_marketplace_view(uuid, text, uuid[], text[], int) from public;
grant execute on function record_marketplace_view(uuid, text, uuid[], text[], int) to jobunivers_app;
