-- responsibility: its read model for the other modules — who was and is responsible for a citizen, period by period
-- (journey's "Mine borgere" lists the citizens an organisation helps now and those it helped before). Only the
-- columns others need; the rule, the legal basis and the choices stay the responsibility module's own.
-- security_invoker: the view runs with the rights of whoever queries it, so responsibility_period's row-level security
-- applies exactly as on the table (staff see the periods of citizens their organisation is or was responsible for).
create view citizen_responsibility with (security_invoker = true) as
select p.citizen_id, p.municipality_code, p.organisation_id, p.starts_on, p.ends_on, p.basis
from responsibility_period p;

-- Read models are read-only (the default privileges would grant writes, and a single-table view is updatable).
revoke insert, update, delete on citizen_responsibility from jobunivers_app;
grant select on citizen_responsibility to jobunivers_app;
