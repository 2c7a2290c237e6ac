-- vendor-data: the citizen's own contact details ("Mine kontaktoplysninger", /borger/kontakt) — what a vendor's
-- service reads as the `contact` data category when the citizen has consented to it. Written only by the citizen.
--
-- Tenancy as the journey's rows (0017): the citizen's own requests set `app.citizen`; staff set `app.municipality`.
create table citizen_contact (
  citizen_id         uuid primary key references citizen (id),
  municipality_code  char(3) not null references municipality (code),
  email              text check (length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  -- E.164: a plus and 8 to 15 digits (a Danish number is +45 and eight digits).
  phone              text check (phone ~ '^\+[1-9][0-9]{7,14}$'),
  preferred_language text not null default 'da' check (preferred_language in ('da', 'en')),
  updated_at         timestamptz not null default now()
);
create index citizen_contact_municipality on citizen_contact (municipality_code);

alter table citizen_contact enable row level security;
create policy citizen_contact_owner on citizen_contact
  using (municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true))
  with check (municipality_code = current_setting('app.municipality', true) or citizen_id::text = current_setting('app.citizen', true));
-- The citizen corrects their details; nobody deletes them through the application.
revoke delete on citizen_contact from jobunivers_app;
