-- responsibility: who is responsible for a citizen's contact course, over time. The rules are data with a version and
-- a start date (a reform or a trial is a new row, not code); the citizen's situation comes from DFDG; the periods are
-- what actually happened, moved by a daily job at the hand-over date. A free choice, where a rule allows it, is kept
-- with the period it started.
create table responsibility_rule (
  id                 text not null check (id ~ '^[a-z0-9-]{3,60}$'),
  version            integer not null check (version > 0),
  valid_from         date not null,
  benefit            text not null check (benefit in ('dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'sygedagpenge', 'andet')),
  -- The municipalities the rule is for (a trial); null: every municipality. A rule for named municipalities comes
  -- before a general one.
  municipality_codes char(3)[],
  -- The first months of unemployment the citizen's a-kasse runs the contact course; then the municipality.
  akasse_months      integer not null check (akasse_months between 0 and 24),
  -- Whether the citizen may choose the municipality, their a-kasse or one of the municipality's other actors, and how
  -- many days a choice stands before it may be changed.
  free_choice        boolean not null default false,
  choice_lock_days   integer not null default 0 check (choice_lock_days between 0 and 365),
  legal_basis        text not null check (length(legal_basis) between 3 and 300),
  description_da     text not null,
  description_en     text not null,
  created_at         timestamptz not null default now(),
  primary key (id, version)
);

-- The citizen's situation as DFDG reported it last.
create table citizen_situation (
  citizen_id        uuid primary key references citizen (id),
  municipality_code char(3) not null references municipality (code),
  benefit           text not null check (benefit in ('dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'sygedagpenge', 'andet', 'ingen')),
  unemployed_since  date,
  akasse_cvr        char(8) check (akasse_cvr ~ '^[0-9]{8}$'),
  fetched_at        timestamptz not null default now()
);

-- Who was and is responsible: one open period (ends_on null) per citizen, periods never overlap.
create table responsibility_period (
  id                uuid primary key default gen_random_uuid(),
  citizen_id        uuid not null references citizen (id),
  municipality_code char(3) not null references municipality (code),
  organisation_id   text not null references organisation (id),
  starts_on         date not null,
  ends_on           date,
  basis             text not null check (basis in ('rule', 'choice', 'default')),
  rule_id           text,
  rule_version      integer,
  legal_basis       text not null,
  created_at        timestamptz not null default now(),
  check (ends_on is null or ends_on >= starts_on),
  foreign key (rule_id, rule_version) references responsibility_rule (id, version)
);
create unique index responsibility_period_open on responsibility_period (citizen_id) where ends_on is null;
create index responsibility_period_citizen on responsibility_period (citizen_id, starts_on);
create index responsibility_period_organisation on responsibility_period (organisation_id) where ends_on is null;

-- The citizen's free choices, newest last.
create table responsibility_choice (
  id              uuid primary key default gen_random_uuid(),
  citizen_id      uuid not null references citizen (id),
  organisation_id text not null references organisation (id),
  rule_id         text not null,
  rule_version    integer not null,
  chosen_at       timestamptz not null default now(),
  foreign key (rule_id, rule_version) references responsibility_rule (id, version)
);
create index responsibility_choice_citizen on responsibility_choice (citizen_id, chosen_at desc);

-- The organisation a transaction acts for (app.organisation) is responsible for the citizen now: their open period
-- names it, or — a citizen no period has been made for yet — it is the kommune of the citizen's municipality.
create function organisation_serves_citizen(p_citizen uuid, p_municipality text) returns boolean
language sql stable security definer set search_path = public
as $$
  select nullif(current_setting('app.organisation', true), '') is not null
     and coalesce(
           (select organisation_id from responsibility_period where citizen_id = p_citizen and ends_on is null),
           'kommune-' || p_municipality
         ) = current_setting('app.organisation', true)
$$;

-- The organisation is or was responsible: it may read what it saw while it was (read-only once it is not).
create function organisation_knows_citizen(p_citizen uuid, p_municipality text) returns boolean
language sql stable security definer set search_path = public
as $$
  select organisation_serves_citizen(p_citizen, p_municipality)
      or exists (select 1 from responsibility_period
                  where citizen_id = p_citizen and organisation_id = nullif(current_setting('app.organisation', true), ''))
$$;
revoke all on function organisation_serves_citizen(uuid, text) from public;
revoke all on function organisation_knows_citizen(uuid, text) from public;
grant execute on function organisation_serves_citizen(uuid, text) to jobunivers_app;
grant execute on function organisation_knows_citizen(uuid, text) to jobunivers_app;

-- The daily job's list: every citizen with a situation (it then works on each in that citizen's own transaction).
create function responsibility_citizens() returns table (citizen_id uuid)
language sql stable security definer set search_path = public
as $$ select citizen_id from citizen_situation order by citizen_id $$;
revoke all on function responsibility_citizens() from public;
grant execute on function responsibility_citizens() to jobunivers_app;

-- The rules are read by everyone and written only by migrations, the seed and governance's own transactions.
alter table citizen_situation enable row level security;
alter table responsibility_period enable row level security;
alter table responsibility_choice enable row level security;
do $$
declare
  t text;
begin
  foreach t in array array['citizen_situation', 'responsibility_period', 'responsibility_choice'] loop
    execute format($p$create policy %I on %I
      using (citizen_id::text = current_setting('app.citizen', true))
      with check (citizen_id::text = current_setting('app.citizen', true))$p$, t || '_citizen', t);
  end loop;
end
$$;
create policy citizen_situation_staff on citizen_situation for select using (organisation_knows_citizen(citizen_id, municipality_code));
create policy responsibility_period_staff on responsibility_period for select using (organisation_knows_citizen(citizen_id, municipality_code));
revoke update, delete on responsibility_choice from jobunivers_app;
revoke delete on responsibility_period from jobunivers_app;
