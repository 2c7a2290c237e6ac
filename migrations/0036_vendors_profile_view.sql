-- vendors: the public face of a vendor company (no registration or contract details) for the modules that show or
-- address a vendor (listings, curation, frameworks, consent, sso). security_invoker: the caller's rights.
create view vendor_profile with (security_invoker = true) as
select id, cvr, name, contact_email, contact_phone, support_url
from vendor;

revoke insert, update, delete on vendor_profile from jobunivers_app;
grant select on vendor_profile to jobunivers_app;
