-- journey: what the citizen's timeline (issue 15) reads of the journey beyond citizen_plan — when the citizen last
-- answered the screening. Only the moment, not the answers: the timeline says that it happened and links to it.
-- security_invoker: row-level security on citizen_profile (the citizen, and staff through responsibility) still applies.
create view citizen_screening with (security_invoker = true) as
select p.citizen_id, p.municipality_code, p.screened_at, p.updated_at
from citizen_profile p
where p.screened_at is not null;

revoke insert, update, delete on citizen_screening from jobunivers_app;
grant select on citizen_screening to jobunivers_app;
