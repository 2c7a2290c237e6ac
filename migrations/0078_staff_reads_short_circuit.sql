-- Staff read a citizen's rows through organisation_serves_citizen / organisation_knew_citizen_at /
-- organisation_knows_citizen (0047, 0058): security-definer functions, so called once per row — also for a citizen
-- reading their own timeline and for a vendor's service writing events (an INSERT … RETURNING checks the SELECT
-- policies too), where every call answers false because app.organisation is not set. The same policies, asking
-- first whether an organisation is set at all: once per statement (an InitPlan), not once per row. Each function
-- answers false without app.organisation, so who sees which row is unchanged.
do $$
declare
  t text;
  at_column text;
begin
  foreach t in array array['activity_event', 'citizen_contact', 'citizen_profile', 'escalation', 'joblog_registration',
                           'local_offer_signup', 'plan_activity', 'recommendation_dismissal', 'recommendation_log'] loop
    at_column := case t
      when 'activity_event' then 'received_at'
      when 'citizen_contact' then 'updated_at'
      when 'citizen_profile' then 'updated_at'
      when 'recommendation_dismissal' then 'dismissed_at'
      when 'local_offer_signup' then 'signed_up_at'
      else 'created_at'
    end;
    execute format($p$alter policy %I on %I
      using ((select nullif(current_setting('app.organisation', true), '')) is not null
             and (organisation_serves_citizen(citizen_id, municipality_code) or organisation_knew_citizen_at(citizen_id, %I)))$p$,
      t || '_staff_reads', t, at_column);
  end loop;
end
$$;
alter policy joblog_agreement_staff_reads on joblog_agreement
  using ((select nullif(current_setting('app.organisation', true), '')) is not null and organisation_serves_citizen(citizen_id, municipality_code));
alter policy citizen_staff_reads on citizen
  using ((select nullif(current_setting('app.organisation', true), '')) is not null and organisation_knows_citizen(id, municipality_code));
alter policy citizen_situation_staff on citizen_situation
  using ((select nullif(current_setting('app.organisation', true), '')) is not null and organisation_knows_citizen(citizen_id, municipality_code));
alter policy responsibility_period_staff on responsibility_period
  using ((select nullif(current_setting('app.organisation', true), '')) is not null and organisation_knows_citizen(citizen_id, municipality_code));
