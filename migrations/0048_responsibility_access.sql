-- Access follows responsibility: a citizen's case data (identity, the journey's rows, contact details) is seen by the
-- organisation that is responsible for the citizen now (app.organisation), read-only by one that was, and by the
-- citizen themself (app.citizen) — no longer by every member of staff of the citizen's municipality. A transaction for
-- a municipality's content work (app.municipality without an organisation) still sees its citizens' names, for the
-- sign-ups to its local offers; it sees none of their case data.
drop policy citizen_by_municipality on citizen;
create policy citizen_municipality_reads on citizen for select
  using (municipality_code = current_setting('app.municipality', true) and nullif(current_setting('app.organisation', true), '') is null);
create policy citizen_staff_reads on citizen for select using (organisation_knows_citizen(id, municipality_code));

-- The access log is written only through record_citizen_access and record_vendor_reads, and read only by the citizen.
drop policy access_log_by_municipality on access_log;

do $$
declare
  t text;
  old_policy text;
begin
  foreach t in array array['citizen_profile', 'escalation', 'plan_activity', 'recommendation_dismissal', 'recommendation_log', 'citizen_contact'] loop
    old_policy := case t when 'citizen_contact' then 'citizen_contact_owner' else t || '_owner' end;
    execute format('drop policy %I on %I', old_policy, t);
    execute format($p$create policy %I on %I
      using (citizen_id::text = current_setting('app.citizen', true))
      with check (citizen_id::text = current_setting('app.citizen', true))$p$, t || '_citizen', t);
    execute format('create policy %I on %I for select using (organisation_knows_citizen(citizen_id, municipality_code))', t || '_staff_reads', t);
    execute format('create policy %I on %I for insert with check (organisation_serves_citizen(citizen_id, municipality_code))', t || '_staff_inserts', t);
    execute format($p$create policy %I on %I for update
      using (organisation_serves_citizen(citizen_id, municipality_code))
      with check (organisation_serves_citizen(citizen_id, municipality_code))$p$, t || '_staff_updates', t);
  end loop;
end
$$;

-- Staff's reads and changes of a citizen's data are recorded only for a citizen the organisation the transaction
-- acts for (app.organisation) is or was responsible for — a change only while it is; a municipality's content work
-- (app.municipality, no organisation) records only reads of its own citizens (the names on its offers' sign-ups).
create or replace function record_citizen_access(
  p_citizen uuid, p_municipality char(3), p_actor_subject text, p_actor_name text, p_actor_name_en text, p_actor_role text,
  p_actor_organisation text, p_action text, p_data_category text, p_purpose text, p_purpose_code text, p_purpose_args jsonb
) returns bigint
language plpgsql
security definer
set search_path = public
as $$
declare
  v_organisation text := nullif(current_setting('app.organisation', true), '');
begin
  if not exists (select 1 from citizen where id = p_citizen and municipality_code = p_municipality)
     or (v_organisation is null and (p_action <> 'read' or p_municipality is distinct from nullif(current_setting('app.municipality', true), '')))
     or (v_organisation is not null and p_action = 'change' and not organisation_serves_citizen(p_citizen, p_municipality))
     or (v_organisation is not null and not organisation_knows_citizen(p_citizen, p_municipality)) then
    raise exception 'the organisation this transaction acts for is not responsible for the citizen' using errcode = '42501';
  end if;
  if p_actor_role = 'vendor_service' then
    raise exception 'a vendor service''s reads are recorded by record_vendor_reads' using errcode = '42501';
  end if;
  return access_log_add(p_citizen, p_municipality, p_actor_subject, p_actor_name, p_actor_name_en, p_actor_role,
                        p_actor_organisation, p_action, p_data_category, p_purpose, p_purpose_code, p_purpose_args);
end
$$;
