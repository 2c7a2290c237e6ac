-- listings: the read model other modules use instead of listings' tables (docs/ARCHITECTURE.md, "Data and tables").
-- listing_live is each listing's live version: the approved one (a delisted listing has none; delisting moves its
-- versions to 'delisted' in the same transaction), with the listing's vendor and name, the version's taxonomy codes
-- as sorted arrays and the data it asks for as JSON. One row per live listing. The extra columns are scalar
-- subqueries, so a query pays only for the columns it names, and filters on the version's own columns use the
-- indexes on listing_version (search, listing_version_live_by_name) as before.
-- listing_name is every listing's name for lists that show listings in any state (moderation, notices): the live
-- version's Danish name, else the newest named version's, else ''.
-- listing_data_use is every version's data categories with purpose and legal basis (consent records point at a
-- version that may no longer be live).
-- security_invoker: the views run with the rights of whoever queries them, so row-level security still applies.
create view listing_live with (security_invoker = true) as
select v.id as version_id,
       v.listing_id,
       v.version,
       v.name_da,
       v.name_en,
       v.summary_da,
       v.summary_en,
       v.description_da,
       v.description_en,
       v.journey_stage,
       v.price_model,
       v.required_nsis_level,
       v.channels,
       v.service_url,
       v.accessibility_statement_url,
       v.works_without_data,
       v.redirect_uris,
       v.client_auth_method,
       v.jwks_uri,
       v.initiate_login_uri,
       v.backchannel_logout_uri,
       v.deletion_uri,
       v.search,
       (select l.vendor_id from listing l where l.id = v.listing_id) as vendor_id,
       (select vendor.name from listing l join vendor on vendor.id = l.vendor_id where l.id = v.listing_id) as vendor_name,
       array(select c.category from listing_version_category c where c.version_id = v.id order by c.category) as categories,
       array(select t.target_group from listing_version_target_group t where t.version_id = v.id order by t.target_group) as target_groups,
       array(select g.language from listing_version_language g where g.version_id = v.id order by g.language) as languages,
       coalesce((select json_agg(json_build_object('category', d.category, 'purpose_da', d.purpose_da, 'purpose_en', d.purpose_en,
                                                   'legal_basis', d.legal_basis) order by d.category)
                 from listing_version_data_category d where d.version_id = v.id), '[]') as data_categories
from listing_version v
where v.status = 'approved';

create view listing_data_use with (security_invoker = true) as
select d.version_id, d.category, d.purpose_da, d.purpose_en, d.legal_basis
from listing_version_data_category d;

create view listing_name with (security_invoker = true) as
select l.id as listing_id,
       coalesce((select v.name_da from listing_version v where v.listing_id = l.id and v.name_da is not null
                 order by (v.status = 'approved') desc, v.version desc limit 1), '') as name_da
from listing l;

-- Read models are read-only (the default privileges would grant writes, and single-table views are updatable).
revoke insert, update, delete on listing_live, listing_name, listing_data_use from jobunivers_app;
grant select on listing_live, listing_name, listing_data_use to jobunivers_app;
