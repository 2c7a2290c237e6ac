-- identity: the database role the application runs as at request time. It is not the owner of the
-- tables and not a superuser, so row-level security applies to it: a query that forgets its tenant
-- filter finds nothing instead of everything. Migrations and jobs that must cross tenants run as the
-- owner (the login role), or through SECURITY DEFINER functions that do one narrow thing.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'jobunivers_app') then
    create role jobunivers_app nologin;
  end if;
end
$$;
grant jobunivers_app to current_user;
grant usage on schema public to jobunivers_app;
grant select, insert, update, delete on all tables in schema public to jobunivers_app;
grant usage, select on all sequences in schema public to jobunivers_app;
alter default privileges in schema public grant select, insert, update, delete on tables to jobunivers_app;
alter default privileges in schema public grant usage, select on sequences to jobunivers_app;
-- Reference data changes only by migration.
revoke insert, update, delete on region, municipality, kysely_migration, kysely_migration_lock from jobunivers_app;
