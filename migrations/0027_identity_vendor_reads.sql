-- The vendor Data API's reads go to the citizens' access logs (Min Log) in batches: the calls that arrive together
-- share one statement, each call waiting until its entry is stored before it answers. A batch spans citizens of
-- several municipalities, which the access log's row-level security would need one transaction each for; this
-- function writes such entries, and only as what they are: a read by a vendor's service (actor `client:<listing>`)
-- of a citizen who lives in the municipality given. Returns how many it wrote, so the caller can tell all went in.
create function record_vendor_reads(p_reads jsonb) returns int
language sql
security definer
set search_path = public
as $$
  with input as (
    select *
    from jsonb_to_recordset(p_reads) as r(citizen_id uuid, municipality_code char(3), actor_subject text, actor_name text,
                                           actor_organisation text, data_category text, purpose text)
  ), written as (
    insert into access_log (citizen_id, municipality_code, actor_subject, actor_name, actor_role, actor_organisation, action, data_category, purpose)
    select i.citizen_id, i.municipality_code, i.actor_subject, i.actor_name, 'vendor_service', i.actor_organisation, 'read', i.data_category, i.purpose
    from input i
    join citizen c on c.id = i.citizen_id and c.municipality_code = i.municipality_code
    where i.actor_subject like 'client:%'
    returning 1
  )
  select count(*)::int from written
$$;
revoke all on function record_vendor_reads(jsonb) from public;
grant execute on function record_vendor_reads(jsonb) to jobunivers_app;
