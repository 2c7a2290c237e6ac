-- journey: what other modules read of a citizen's journey. citizen_journey is the profile's target group and stage
-- (the marketplace orders its offer by them); citizen_dismissal the offers the citizen said are not for them;
-- citizen_plan the plan's activities without caseworkers' notes and names (the Data API gives vendors the plan).
-- Plain selects over one table each, so PostgreSQL inlines them and the citizen indexes serve them as before.
-- security_invoker: the views run with the rights of whoever queries them, so row-level security still applies.
create view citizen_journey with (security_invoker = true) as
select p.citizen_id, p.municipality_code, p.target_group, p.journey_stage
from citizen_profile p;

create view citizen_dismissal with (security_invoker = true) as
select d.citizen_id, d.municipality_code, d.item_kind, d.item_id, d.dismissed_at
from recommendation_dismissal d;

create view citizen_plan with (security_invoker = true) as
select a.id, a.citizen_id, a.municipality_code, a.source, a.listing_id, a.local_offer_id, a.title, a.status, a.due_on,
       a.created_at, a.updated_at
from plan_activity a;

-- Read models are read-only (the default privileges would grant writes, and single-table views are updatable).
revoke insert, update, delete on citizen_journey, citizen_dismissal, citizen_plan from jobunivers_app;
grant select on citizen_journey, citizen_dismissal, citizen_plan to jobunivers_app;
