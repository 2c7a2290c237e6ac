-- municipalities: a jobcenter belongs to its municipality. Everyone may read the public contact details;
-- only a transaction acting for that municipality may add, change or remove them.
alter table jobcenter enable row level security;
create policy jobcenter_public_read on jobcenter for select using (true);
create policy jobcenter_own_insert on jobcenter for insert
  with check (municipality_code = current_setting('app.municipality', true));
create policy jobcenter_own_update on jobcenter for update
  using (municipality_code = current_setting('app.municipality', true))
  with check (municipality_code = current_setting('app.municipality', true));
create policy jobcenter_own_delete on jobcenter for delete
  using (municipality_code = current_setting('app.municipality', true));
