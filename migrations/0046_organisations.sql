-- organisations: who runs a citizen's contact course — a municipality (kommune), an unemployment insurance fund
-- (a-kasse) or another actor (anden aktør) a municipality contracts. Staff sign in for one organisation and their roles
-- are scoped to it. Reference data, readable by anyone signed in; a kommune's row is made for each municipality, the
-- a-kasser by governance, the other actors by the municipality that contracts them.
create table organisation (
  id                      text primary key,
  kind                    text not null check (kind in ('kommune', 'akasse', 'anden_aktoer')),
  name                    text not null check (length(name) between 2 and 200),
  cvr                     char(8) check (cvr ~ '^[0-9]{8}$'),
  -- kommune: the municipality it is; anden_aktoer: the municipality that registered it (its contracts are below).
  municipality_code       char(3) references municipality (code),
  -- What the UI calls the organisation's employment service: "Jobcenter København", or a municipality's own name for
  -- it where it has no jobcenter; for an a-kasse or another actor its name.
  employment_service_name text check (length(employment_service_name) between 2 and 200),
  phone                   text check (length(phone) <= 40),
  email                   text check (length(email) <= 200),
  website                 text check (length(website) <= 300),
  active                  boolean not null default true,
  created_at              timestamptz not null default now(),
  updated_at              timestamptz not null default now(),
  check (id ~ '^(kommune-[0-9]{3}|akasse-[0-9]{8}|aktoer-[0-9]{8})$'),
  check ((kind = 'kommune') = (id like 'kommune-%') and (kind = 'akasse') = (id like 'akasse-%')),
  check (kind <> 'kommune' or (municipality_code is not null and id = 'kommune-' || municipality_code)),
  check (kind = 'kommune' or cvr is not null),
  check (kind <> 'anden_aktoer' or municipality_code is not null)
);
create unique index organisation_cvr_kind on organisation (kind, cvr) where cvr is not null;

-- A municipality's contract with another actor: the actor serves the municipality's citizens while it runs.
create table organisation_contract (
  organisation_id   text not null references organisation (id),
  municipality_code char(3) not null references municipality (code),
  valid_from        date not null,
  valid_to          date,
  created_at        timestamptz not null default now(),
  primary key (organisation_id, municipality_code),
  check (valid_to is null or valid_to > valid_from)
);

-- Anyone may read the register; a municipality writes only its own contracts (app.municipality).
alter table organisation_contract enable row level security;
create policy organisation_contract_read on organisation_contract for select using (true);
create policy organisation_contract_own on organisation_contract
  for all
  using (municipality_code = current_setting('app.municipality', true))
  with check (municipality_code = current_setting('app.municipality', true));
