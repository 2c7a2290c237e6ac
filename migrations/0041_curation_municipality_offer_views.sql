-- curation: the municipality's offer as its read model for the modules that show or use it (marketplace, journey,
-- sso): the listings it enabled, its recommendations, its local offers and who signed up for them. Each view is a
-- plain select over one of curation's tables (who enabled or created what stays out), so PostgreSQL inlines it and a
-- query filtering on the municipality or the citizen uses the same indexes as before.
-- security_invoker: the views run with the rights of whoever queries them, so row-level security by municipality
-- (and by citizen for sign-ups) still applies exactly as on the tables.
create view municipality_offer_listing with (security_invoker = true) as
select ml.municipality_code, ml.listing_id, ml.enabled_at
from municipality_listing ml;

create view municipality_offer_recommendation with (security_invoker = true) as
select r.id, r.municipality_code, r.listing_id, r.target_group, r.journey_stage, r.note_da, r.note_en, r.created_at
from listing_recommendation r;

create view municipality_offer_local_offer with (security_invoker = true) as
select o.id, o.municipality_code, o.kind, o.title_da, o.title_en, o.description_da, o.description_en, o.place, o.starts_at,
       o.ends_at, o.capacity, o.signup_required, o.journey_stage, o.target_groups, o.languages, o.cancelled_at
from local_offer o;

create view municipality_offer_sign_up with (security_invoker = true) as
select s.offer_id, s.citizen_id, s.municipality_code, s.signed_up_at, s.cancelled_at
from local_offer_signup s;

-- Read models are read-only (the default privileges would grant writes, and single-table views are updatable).
revoke insert, update, delete on municipality_offer_listing, municipality_offer_recommendation, municipality_offer_local_offer,
  municipality_offer_sign_up from jobunivers_app;
grant select on municipality_offer_listing, municipality_offer_recommendation, municipality_offer_local_offer,
  municipality_offer_sign_up to jobunivers_app;
