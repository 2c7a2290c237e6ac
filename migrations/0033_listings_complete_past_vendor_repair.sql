-- Migration 0012 was edited after it was committed: a 'delisted' version may be incomplete (a draft delisted with its
-- listing). Databases migrated before that edit still have the stricter check; this puts every database on the same
-- definition. Migrations never change once committed — this is the repair the edit should have been.
alter table listing_version drop constraint if exists listing_version_complete_past_vendor;
alter table listing_version add constraint listing_version_complete_past_vendor check (
  status in ('draft', 'checks_failed', 'changes_requested', 'delisted')
  or (name_da is not null and name_en is not null and summary_da is not null and summary_en is not null
      and description_da is not null and description_en is not null and journey_stage is not null
      and price_model is not null and required_nsis_level is not null
      and service_url ~ '^https://' and accessibility_statement_url ~ '^https://'));
