-- marketplace: the views of many requests in one statement (0085 wrote one per request, which put a database write on
-- the marketplace's page, otherwise answered from memory). The app keeps what its citizens saw for up to a second and
-- hands it over as one JSON array: each element's citizen, when, page, listings, search words and hit count. As in
-- record_marketplace_view, the municipality, target group and stage are looked up here and no citizen id is kept;
-- a time in the future is taken as now.
create function record_marketplace_views(p_views jsonb) returns void
language sql
security definer
set search_path = public
as $$
  insert into marketplace_view (occurred_at, municipality_code, target_group, journey_stage, page, listing_ids, search_terms, results)
  select least(v.at, now()), c.municipality_code, coalesce(p.target_group, 'unknown'), coalesce(p.journey_stage, 'unknown'), v.page,
         coalesce(v.listings, '{}'), v.terms, case when v.terms is null then null else coalesce(v.results, 0) end
    from jsonb_to_recordset(p_views) as v (citizen uuid, at timestamptz, page text, listings uuid[], terms text[], results int)
    join citizen c on c.id = v.citizen
    left join citizen_profile p on p.citizen_id = c.id
   order by v.at;
$$;
revoke all on function record_marketplace_views(jsonb) from public;
grant execute on function record_marketplace_views(jsonb) to jobunivers_app;
