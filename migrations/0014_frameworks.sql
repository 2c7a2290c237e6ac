-- frameworks: framework agreements (rammeaftaler) as versioned data, and vendors' declarations against them.
-- Governance writes a version as a draft, publishes it (the previous published version is retired), and never
-- changes it afterwards: declarations point at its requirements. A vendor declares once per version; answers to
-- requirements that did not change between versions are carried over, so the vendor answers only what is new.

create table framework_agreement (
  id         uuid primary key default gen_random_uuid(),
  code       text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
  title_da   text not null check (length(title_da) between 2 and 200),
  title_en   text not null check (length(title_en) between 2 and 200),
  created_at timestamptz not null default now()
);

create table framework_version (
  id           uuid primary key default gen_random_uuid(),
  agreement_id uuid not null references framework_agreement (id),
  version      int not null check (version >= 1),
  status       text not null default 'draft' check (status in ('draft', 'published', 'retired')),
  created_by   text not null,
  created_at   timestamptz not null default now(),
  published_at timestamptz,
  published_by text,
  retired_at   timestamptz,
  unique (agreement_id, version),
  check ((status = 'draft') = (published_at is null)),
  check ((published_at is null) = (published_by is null)),
  check ((status = 'retired') = (retired_at is not null))
);
-- The current version of an agreement is its one published version; governance works on at most one draft.
create unique index framework_one_published on framework_version (agreement_id) where status = 'published';
create unique index framework_one_draft on framework_version (agreement_id) where status = 'draft';

create table framework_requirement (
  version_id   uuid not null references framework_version (id) on delete cascade,
  key          text not null check (key ~ '^[a-z][a-z0-9_]{1,59}$'),
  position     int not null check (position between 1 and 1000),
  text_da      text not null check (length(text_da) between 2 and 1000),
  text_en      text not null check (length(text_en) between 2 and 1000),
  help_da      text check (length(help_da) between 1 and 2000),
  help_en      text check (length(help_en) between 1 and 2000),
  answer_type  text not null check (answer_type in ('yes_no', 'text', 'url', 'email', 'nsis_level')),
  obligation   text not null check (obligation in ('must', 'may')),
  check_code   text check (check_code in ('https_url', 'email', 'accessibility_statement', 'nsis_level')),
  -- What a vendor answers to (texts, answer type, obligation), hashed by the trigger below. Equal hashes under
  -- the same key in two versions mean the vendor's answer still holds. Help texts and checks may be clarified
  -- without asking every vendor again.
  content_hash text not null,
  primary key (version_id, key),
  unique (version_id, position) deferrable initially deferred,
  -- An automated check can only back a requirement whose answer it understands.
  check (check_code is null
    or (check_code in ('https_url', 'accessibility_statement') and answer_type = 'url')
    or (check_code = 'email' and answer_type = 'email')
    or (check_code = 'nsis_level' and answer_type = 'nsis_level'))
);

-- Versions start as drafts and move draft → published → retired only; number and agreement never change.
create function framework_version_guard() returns trigger
language plpgsql
as $$
begin
  if tg_op = 'INSERT' then
    if new.status <> 'draft' then
      raise exception 'a framework version starts as a draft' using errcode = 'check_violation';
    end if;
    return new;
  end if;
  if new.agreement_id <> old.agreement_id or new.version <> old.version then
    raise exception 'a framework version keeps its agreement and number' using errcode = 'check_violation';
  end if;
  if new.status <> old.status
     and not ((old.status = 'draft' and new.status = 'published') or (old.status = 'published' and new.status = 'retired')) then
    raise exception 'a framework version cannot go from % to %', old.status, new.status using errcode = 'check_violation';
  end if;
  if old.status <> 'draft' and (new.published_at is distinct from old.published_at or new.published_by is distinct from old.published_by) then
    raise exception 'publication of a framework version is not rewritten' using errcode = 'check_violation';
  end if;
  return new;
end
$$;
create trigger framework_version_guard before insert or update on framework_version
  for each row execute function framework_version_guard();

-- Only a draft's requirements change; a published or retired version is what vendors declared against.
create function framework_requirement_guard() returns trigger
language plpgsql
as $$
declare
  v_status text;
begin
  if tg_op = 'UPDATE' and (new.version_id <> old.version_id or new.key <> old.key) then
    raise exception 'a requirement keeps its version and key' using errcode = 'check_violation';
  end if;
  select status into v_status from framework_version
   where id = case when tg_op = 'DELETE' then old.version_id else new.version_id end;
  if v_status is distinct from 'draft' then
    raise exception 'requirements of a % framework version cannot change', coalesce(v_status, 'missing') using errcode = 'check_violation';
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  new.content_hash := encode(sha256(convert_to(jsonb_build_array(new.text_da, new.text_en, new.answer_type, new.obligation)::text, 'UTF8')), 'hex');
  return new;
end
$$;
create trigger framework_requirement_guard before insert or update or delete on framework_requirement
  for each row execute function framework_requirement_guard();

create table vendor_declaration (
  id                   uuid primary key default gen_random_uuid(),
  vendor_id            uuid not null references vendor (id),
  framework_version_id uuid not null references framework_version (id),
  status               text not null default 'draft' check (status in ('draft', 'submitted')),
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  submitted_at         timestamptz,
  submitted_by         text,
  unique (vendor_id, framework_version_id),
  -- The target of the answers' foreign key, which ties each answer to a requirement of the same version.
  unique (id, framework_version_id),
  check ((status = 'submitted') = (submitted_at is not null)),
  check ((submitted_at is null) = (submitted_by is null))
);

create table declaration_answer (
  declaration_id            uuid not null,
  framework_version_id      uuid not null,
  requirement_key           text not null,
  value                     text not null check (length(value) between 1 and 2000),
  answered_by               text not null,
  answered_at               timestamptz not null default now(),
  -- Set when the answer was given to an earlier version and kept because the requirement did not change.
  carried_over_from_version int check (carried_over_from_version >= 1),
  primary key (declaration_id, requirement_key),
  foreign key (declaration_id, framework_version_id) references vendor_declaration (id, framework_version_id) on delete cascade,
  foreign key (framework_version_id, requirement_key) references framework_requirement (version_id, key)
);

-- Declarations are made against the published version only, and each answer has the form its requirement asks for.
create function vendor_declaration_guard() returns trigger
language plpgsql
as $$
declare
  v_status text;
begin
  select status into v_status from framework_version where id = new.framework_version_id;
  if v_status is distinct from 'published' then
    raise exception 'declarations are made against the published framework version' using errcode = 'check_violation';
  end if;
  return new;
end
$$;
create trigger vendor_declaration_guard before insert or update on vendor_declaration
  for each row execute function vendor_declaration_guard();

create function declaration_answer_guard() returns trigger
language plpgsql
as $$
declare
  v_type text;
  v_status text;
  v_valid boolean;
begin
  select r.answer_type, v.status into v_type, v_status
    from framework_requirement r join framework_version v on v.id = r.version_id
   where r.version_id = case when tg_op = 'DELETE' then old.framework_version_id else new.framework_version_id end
     and r.key = case when tg_op = 'DELETE' then old.requirement_key else new.requirement_key end;
  if v_status is distinct from 'published' then
    raise exception 'answers are given to the published framework version' using errcode = 'check_violation';
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  v_valid := case v_type
    when 'yes_no' then new.value in ('yes', 'no')
    when 'nsis_level' then new.value in ('Low', 'Substantial', 'High')
    when 'url' then new.value ~ '^https://[^\s]+$'
    when 'email' then new.value ~ '^[^@\s]+@[^@\s]+$'
    else true
  end;
  if not v_valid then
    raise exception 'the answer to % is not a valid %', new.requirement_key, v_type using errcode = 'check_violation';
  end if;
  return new;
end
$$;
create trigger declaration_answer_guard before insert or update or delete on declaration_answer
  for each row execute function declaration_answer_guard();

-- Tables get the application's privileges by default (0005). Agreements are created by migration or seed;
-- versions and declarations are history and are never deleted by the application.
revoke insert, update, delete on framework_agreement from jobunivers_app;
revoke delete on framework_version, vendor_declaration from jobunivers_app;
