-- organisations: governance's writes of a-kasser come from transactions that act for no municipality and no
-- organisation; a staff member's case work (app.organisation) or a municipality's content work cannot write them.
drop policy organisation_akasse_insert on organisation;
drop policy organisation_akasse_update on organisation;
create policy organisation_akasse_insert on organisation
  for insert
  with check (kind = 'akasse' and coalesce(current_setting('app.municipality', true), '') = ''
              and coalesce(current_setting('app.organisation', true), '') = '');
create policy organisation_akasse_update on organisation
  for update
  using (kind = 'akasse' and coalesce(current_setting('app.municipality', true), '') = ''
         and coalesce(current_setting('app.organisation', true), '') = '')
  with check (kind = 'akasse' and coalesce(current_setting('app.municipality', true), '') = ''
              and coalesce(current_setting('app.organisation', true), '') = '');
