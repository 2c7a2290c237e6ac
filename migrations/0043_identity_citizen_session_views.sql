-- identity: what other modules read of a citizen and of a platform session. citizen_identity is who the citizen is and
-- where they live (curation names sign-ups, journey and sso need the municipality, vendor-data hands the CPR number
-- to the state's systems); session_lifetime is when a platform session began and until when it lives, by its token's
-- SHA-256 (sso ends single sign-on with it), never the token, the principal or the ID token.
-- Plain selects over one table each, so PostgreSQL inlines them and the primary keys serve them as before.
-- security_invoker: the views run with the rights of whoever queries them, so row-level security by municipality and
-- citizen still applies exactly as on citizen.
create view citizen_identity with (security_invoker = true) as
select c.id, c.full_name, c.cpr_number, c.municipality_code
from citizen c;

create view session_lifetime with (security_invoker = true) as
select s.token_hash, s.created_at, s.expires_at
from session s;

-- Read models are read-only (the default privileges would grant writes, and single-table views are updatable).
revoke insert, update, delete on citizen_identity, session_lifetime from jobunivers_app;
grant select on citizen_identity, session_lifetime to jobunivers_app;
