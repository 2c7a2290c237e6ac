-- timeline: 0076's announce_citizens_changed put 150 citizens in one notification, about 8,500 bytes once the JSON
-- envelope is counted — over PostgreSQL's 8,000-byte limit, so any one statement touching more than about 140 citizens
-- of local_offer_signup, joblog_registration or plan_activity failed with "payload string too long". 100 a
-- notification (about 5,300 bytes) leaves room; the bus parses up to 1,000 per envelope.
create or replace function announce_citizens_changed() returns trigger
language plpgsql
as $$
declare
  ids uuid[] := '{}';
  chunk uuid[];
  i int := 1;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    select coalesce(array_agg(distinct citizen_id), '{}') into ids from new_rows;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    select coalesce(array_agg(distinct c), '{}') into ids from unnest(ids || array(select citizen_id from old_rows)) c;
  end if;
  while i <= cardinality(ids) loop
    chunk := ids[i:i + 99];
    perform pg_notify('jobunivers_changes', json_build_object(
      'origin', 'database', 'name', 'citizenChanged', 'table', tg_table_name,
      'changes', (select json_agg(json_build_object('citizenId', c)) from unnest(chunk) c))::text);
    i := i + 100;
  end loop;
  return null;
end
$$;
