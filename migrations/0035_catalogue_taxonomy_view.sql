-- catalogue: its taxonomies as one read model for the modules that label or validate with them (listings,
-- curation, journey, consent): one row per code with the taxonomy it belongs to. Filtering on `taxonomy` prunes
-- the other branches of the union, so a look-up reads one table as before. security_invoker: the caller's rights.
create view taxonomy_term with (security_invoker = true) as
select 'stage'::text as taxonomy, code, name_da, name_en, true as active, sort from journey_stage
union all select 'category', code, name_da, name_en, true, 0 from service_category
union all select 'target_group', code, name_da, name_en, active, 0 from target_group
union all select 'language', code, name_da, name_en, true, 0 from language
union all select 'data_category', code, name_da, name_en, true, 0 from data_category;

revoke insert, update, delete on taxonomy_term from jobunivers_app;
grant select on taxonomy_term to jobunivers_app;
