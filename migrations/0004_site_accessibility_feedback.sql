-- site: reports of accessibility problems. The Danish web accessibility act requires the
-- accessibility statement to offer a way to report them; every report gets a reference.
create table accessibility_feedback (
  id          uuid primary key default gen_random_uuid(),
  reference   text not null unique,
  page_url    text check (length(page_url) <= 2000),
  description text not null check (length(description) between 10 and 5000),
  name        text check (length(name) <= 200),
  email       text check (length(email) <= 320),
  locale      text not null check (locale in ('da', 'en')),
  created_at  timestamptz not null default now()
);
create index accessibility_feedback_created_at on accessibility_feedback (created_at);
