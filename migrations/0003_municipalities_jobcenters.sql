-- municipalities: each municipality's jobcenter(s) with address, contact and opening hours.
-- Public information, owned by the municipality; content owners will maintain it.
create table jobcenter (
  id                uuid primary key default gen_random_uuid(),
  municipality_code char(3) not null references municipality (code),
  name              text not null check (length(name) between 2 and 200),
  street            text not null,
  postal_code       text not null check (postal_code ~ '^[0-9]{4}$'),
  city              text not null,
  phone             text not null,
  email             text not null,
  website           text not null,
  -- [{"weekday": 1..7 (Monday = 1), "opens": "HH:MM", "closes": "HH:MM"}]
  opening_hours     jsonb not null default '[]'::jsonb check (jsonb_typeof(opening_hours) = 'array'),
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  unique (municipality_code, name)
);
