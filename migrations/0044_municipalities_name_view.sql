-- municipalities: each kommune's code and name for the modules that name a citizen's municipality (sso's claims,
-- vendor-data's context). A plain select, inlined by PostgreSQL. security_invoker: the caller's rights.
create view municipality_name with (security_invoker = true) as
select m.code, m.name
from municipality m;

revoke insert, update, delete on municipality_name from jobunivers_app;
grant select on municipality_name to jobunivers_app;
