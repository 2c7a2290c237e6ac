-- consent: a decision's standing for sso, which bounds a grant's lifetime by the consent behind it: whose it is, for
-- which listing, its status and until when it is valid (not the receipt, the categories or the policy).
-- A plain select, inlined by PostgreSQL. security_invoker: row-level security on consent_record still applies.
create view consent_validity with (security_invoker = true) as
select r.id, r.citizen_id, r.municipality_code, r.listing_id, r.status, r.valid_until
from consent_record r;

revoke insert, update, delete on consent_validity from jobunivers_app;
grant select on consent_validity to jobunivers_app;
