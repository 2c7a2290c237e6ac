-- organisations: anyone may read the register, but each row is written only by whoever keeps it, so a forgotten
-- check in the code fails closed. Governance, which acts for no municipality, keeps the a-kasser; a municipality
-- (app.municipality) keeps its own row (its name for its employment service) and the other actors it registered.
-- The kommune rows are made by the demo seed and migrations, which run as the owner. Nothing is deleted: an
-- organisation that stops is deactivated, since periods of responsibility keep naming it.
alter table organisation enable row level security;

create policy organisation_read on organisation for select using (true);

create policy organisation_akasse_insert on organisation
  for insert
  with check (kind = 'akasse' and coalesce(current_setting('app.municipality', true), '') = '');
create policy organisation_akasse_update on organisation
  for update
  using (kind = 'akasse' and coalesce(current_setting('app.municipality', true), '') = '')
  with check (kind = 'akasse' and coalesce(current_setting('app.municipality', true), '') = '');

create policy organisation_actor_insert on organisation
  for insert
  with check (kind = 'anden_aktoer' and municipality_code = current_setting('app.municipality', true));
create policy organisation_municipality_update on organisation
  for update
  using (kind <> 'akasse' and municipality_code = current_setting('app.municipality', true))
  with check (kind <> 'akasse' and municipality_code = current_setting('app.municipality', true));

revoke delete on organisation from jobunivers_app;
