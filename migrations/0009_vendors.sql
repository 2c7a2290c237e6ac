-- vendors: the companies (CVR) that offer services on the platform, registered by their own administrator
-- after signing in with MitID Erhverv. The CVR comes from the identity, never from a form.
create function cvr_is_valid(p_cvr text) returns boolean
language sql immutable strict
as $$
  select p_cvr ~ '^[1-9][0-9]{7}$'
     and (substr(p_cvr, 1, 1)::int * 2 + substr(p_cvr, 2, 1)::int * 7 + substr(p_cvr, 3, 1)::int * 6
        + substr(p_cvr, 4, 1)::int * 5 + substr(p_cvr, 5, 1)::int * 4 + substr(p_cvr, 6, 1)::int * 3
        + substr(p_cvr, 7, 1)::int * 2 + substr(p_cvr, 8, 1)::int * 1) % 11 = 0
$$;

create table vendor (
  id              uuid primary key default gen_random_uuid(),
  cvr             char(8) not null unique check (cvr_is_valid(cvr)),
  name            text not null check (length(name) between 2 and 200),
  contact_email   text not null check (length(contact_email) <= 320),
  contact_phone   text not null check (length(contact_phone) <= 40),
  support_url     text not null check (support_url ~ '^https://' and length(support_url) <= 2000),
  dpa_status      text not null default 'not_started' check (dpa_status in ('not_started', 'sent', 'signed')),
  registered_by   text not null,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
