-- An organisation that was responsible for a citizen reads, of their case data, only what is from its own period
-- (issue 14: "and, read-only, the period they were") — not what the next organisation records after the hand-over.
-- The organisation responsible now reads everything, the history included. A row's date is its Copenhagen date; the
-- hand-over day belongs to both (a period's ends_on is the day the next one starts).
create function organisation_knew_citizen_at(p_citizen uuid, p_at timestamptz) returns boolean
language sql stable security definer set search_path = public
as $$
  select exists (
    select 1 from responsibility_period
     where citizen_id = p_citizen
       and organisation_id = nullif(current_setting('app.organisation', true), '')
       and starts_on <= (p_at at time zone 'Europe/Copenhagen')::date
       and (ends_on is null or (p_at at time zone 'Europe/Copenhagen')::date <= ends_on)
  )
$$;
revoke all on function organisation_knew_citizen_at(uuid, timestamptz) from public;
grant execute on function organisation_knew_citizen_at(uuid, timestamptz) to jobunivers_app;

do $$
declare
  t text;
  at_column text;
begin
  foreach t in array array['citizen_profile', 'escalation', 'plan_activity', 'recommendation_dismissal', 'recommendation_log', 'citizen_contact'] loop
    at_column := case t
      when 'citizen_profile' then 'updated_at'
      when 'citizen_contact' then 'updated_at'
      when 'recommendation_dismissal' then 'dismissed_at'
      else 'created_at'
    end;
    execute format('drop policy %I on %I', t || '_staff_reads', t);
    execute format($p$create policy %I on %I for select
      using (organisation_serves_citizen(citizen_id, municipality_code) or organisation_knew_citizen_at(citizen_id, %I))$p$,
      t || '_staff_reads', t, at_column);
  end loop;
end
$$;
