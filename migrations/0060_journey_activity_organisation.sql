-- journey: the organisation of the staff member who recommended or assigned an activity, so the plan says
-- "Aftalt med 3F A-kasse" after the citizen has moved on to the jobcenter, not the name of whoever helps now.
-- Activities from before have none (the plan then names the citizen's current helper, as before).
alter table plan_activity add column created_by_organisation text check (length(created_by_organisation) between 2 and 200);
