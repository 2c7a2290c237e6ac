-- identity: the organisation a staff sign-in was started for — a municipality's (kommune-<code>), an a-kasse's or
-- another actor's. The callback picks the same IdP from it, as it does from municipality_code, which a municipality's
-- staff keep having. Not a foreign key: an attempt lives ten minutes, and an organisation that is gone by the callback
-- is refused there with a page that says so.
alter table sign_in_attempt
  add column organisation_id text check (organisation_id ~ '^(kommune-[0-9]{3}|akasse-[0-9]{8}|aktoer-[0-9]{8})$');
