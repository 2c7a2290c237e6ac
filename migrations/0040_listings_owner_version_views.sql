-- listings: two more read models for the modules that look at listings beyond their live version (docs/ARCHITECTURE.md,
-- "Data and tables"). listing_owner is every listing with its vendor and whether it was delisted (sso deletes a
-- citizen's tokens at all of a vendor's listings; vendor-data names the vendor of the listing a token was issued to).
-- listing_version_brief is every version's names, summary and status, with the reason governance gave for that status
-- (curation shows enabled listings that are suspended or delisted; consent names the version a decision was about and
-- sends a deletion request to the address it gave).
-- Both are plain selects over one table, so PostgreSQL inlines them and the indexes on listing and listing_version
-- serve them as before; status_reason is a scalar subquery, paid only by a query that names it.
-- security_invoker: the views run with the rights of whoever queries them, so row-level security still applies.
create view listing_owner with (security_invoker = true) as
select l.id as listing_id, l.vendor_id, l.delisted_at
from listing l;

create view listing_version_brief with (security_invoker = true) as
select v.id as version_id,
       v.listing_id,
       v.version,
       v.status,
       v.name_da,
       v.name_en,
       v.summary_da,
       v.summary_en,
       v.journey_stage,
       v.price_model,
       v.works_without_data,
       v.deletion_uri,
       (select t.reason from listing_transition t where t.version_id = v.id and t.to_status = v.status order by t.at desc limit 1) as status_reason
from listing_version v;

-- Read models are read-only (the default privileges would grant writes, and single-table views are updatable).
revoke insert, update, delete on listing_owner, listing_version_brief from jobunivers_app;
grant select on listing_owner, listing_version_brief to jobunivers_app;
